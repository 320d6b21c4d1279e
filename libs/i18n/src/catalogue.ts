// The message catalogues, one file per area of the product and language: libs/i18n/messages/<language>/<area>.json.
// Every key starts with its file's area ("followups.title"); test/i18n-catalogue.spec.ts holds the four languages to
// the same keys, each used somewhere in the code, each a valid ICU message.
import enCommon from '../messages/en/common.json';
import enStates from '../messages/en/states.json';
import enDashboards from '../messages/en/dashboards.json';
import enActions from '../messages/en/actions.json';
import enCampaigns from '../messages/en/campaigns.json';
import enFollowups from '../messages/en/followups.json';
import enPeople from '../messages/en/people.json';
import enAccount from '../messages/en/account.json';
import enAdmin from '../messages/en/admin.json';
import enForms from '../messages/en/forms.json';
import enEmails from '../messages/en/emails.json';
import enDigest from '../messages/en/digest.json';
import frCommon from '../messages/fr/common.json';
import frStates from '../messages/fr/states.json';
import frDashboards from '../messages/fr/dashboards.json';
import frActions from '../messages/fr/actions.json';
import frCampaigns from '../messages/fr/campaigns.json';
import frFollowups from '../messages/fr/followups.json';
import frPeople from '../messages/fr/people.json';
import frAccount from '../messages/fr/account.json';
import frAdmin from '../messages/fr/admin.json';
import frForms from '../messages/fr/forms.json';
import frEmails from '../messages/fr/emails.json';
import frDigest from '../messages/fr/digest.json';
import esCommon from '../messages/es/common.json';
import esStates from '../messages/es/states.json';
import esDashboards from '../messages/es/dashboards.json';
import esActions from '../messages/es/actions.json';
import esCampaigns from '../messages/es/campaigns.json';
import esFollowups from '../messages/es/followups.json';
import esPeople from '../messages/es/people.json';
import esAccount from '../messages/es/account.json';
import esAdmin from '../messages/es/admin.json';
import esForms from '../messages/es/forms.json';
import esEmails from '../messages/es/emails.json';
import esDigest from '../messages/es/digest.json';
import arCommon from '../messages/ar/common.json';
import arStates from '../messages/ar/states.json';
import arDashboards from '../messages/ar/dashboards.json';
import arActions from '../messages/ar/actions.json';
import arCampaigns from '../messages/ar/campaigns.json';
import arFollowups from '../messages/ar/followups.json';
import arPeople from '../messages/ar/people.json';
import arAccount from '../messages/ar/account.json';
import arAdmin from '../messages/ar/admin.json';
import arForms from '../messages/ar/forms.json';
import arEmails from '../messages/ar/emails.json';
import arDigest from '../messages/ar/digest.json';

import type { Locale } from './locales';

export const AREAS = [
  'common',
  'states',
  'dashboards',
  'actions',
  'campaigns',
  'followups',
  'people',
  'account',
  'admin',
  'forms',
  'emails',
  'digest',
] as const;
export type Area = (typeof AREAS)[number];

/** Each language's messages by area, as written in the files. */
export const CATALOGUES: Record<Locale, Record<Area, Record<string, string>>> = {
  en: {
    common: enCommon,
    states: enStates,
    dashboards: enDashboards,
    actions: enActions,
    campaigns: enCampaigns,
    followups: enFollowups,
    people: enPeople,
    account: enAccount,
    admin: enAdmin,
    forms: enForms,
    emails: enEmails,
    digest: enDigest,
  },
  fr: {
    common: frCommon,
    states: frStates,
    dashboards: frDashboards,
    actions: frActions,
    campaigns: frCampaigns,
    followups: frFollowups,
    people: frPeople,
    account: frAccount,
    admin: frAdmin,
    forms: frForms,
    emails: frEmails,
    digest: frDigest,
  },
  es: {
    common: esCommon,
    states: esStates,
    dashboards: esDashboards,
    actions: esActions,
    campaigns: esCampaigns,
    followups: esFollowups,
    people: esPeople,
    account: esAccount,
    admin: esAdmin,
    forms: esForms,
    emails: esEmails,
    digest: esDigest,
  },
  ar: {
    common: arCommon,
    states: arStates,
    dashboards: arDashboards,
    actions: arActions,
    campaigns: arCampaigns,
    followups: arFollowups,
    people: arPeople,
    account: arAccount,
    admin: arAdmin,
    forms: arForms,
    emails: arEmails,
    digest: arDigest,
  },
};
