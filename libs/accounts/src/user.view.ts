import type { Locale } from '@app/i18n';
import type { Region, Role } from './roles';

/** What every response says about a user; never the password hash. Built by UsersRepository alone. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  regions: Region[];
  active: boolean;
  /** The language of the user's pages and emails. */
  locale: Locale;
  createdAt: string;
}
