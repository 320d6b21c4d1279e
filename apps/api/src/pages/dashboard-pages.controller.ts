import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Region } from '@app/accounts';
import { DashboardsService, DashboardView, PartiesPoint } from '@app/dashboards';
import { InsightsService, PledgesService } from '@app/insight';
import { AppConfig, DataRevision, RevisionCache } from '@app/platform';
import { Stage, StatusCache, StatusRevision } from '@app/states';
import { WebPage } from '../auth/auth.guard';
import { asOfView, pageAsOf } from './as-of';
import { renderStepChart, yearEnds } from './charts';
import type { Translator } from '@app/i18n';
import { regionName, stageLabelFor, unconfirmedLabel } from './labels';
import { KeptBody, pageContext, renderAroundBody, renderPage } from './page-context';
import { pageTranslator } from './page-locale';
import { viewHelpersFor } from './view-helpers';
import { PAGES_PREFIX } from './page-routing';
import { renderMap } from './world-map';

/** A map and a chart for the world and each region, in each language, for a day or two. */
const PAGE_FIGURES_KEPT = 400;
/** The region's latest pledges shown on its page. */
const REGION_PLEDGES_SHOWN = 20;

/** The world overview and the region pages: the dashboards' figures, a map and a chart. */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class DashboardPagesController {
  // The map's and the chart's SVG, drawn once per change of the treaty status.
  private readonly drawn: StatusCache<string>;
  private readonly maps: StatusCache<DrawnMap>;
  // Each region's body, in each language, for a revision of the records (and KEPT_AT_MOST_MS).
  private readonly regionBodies: RevisionCache<{ name: string; region: Region; body: KeptBody }>;

  constructor(
    private readonly dashboards: DashboardsService,
    revision: StatusRevision,
    private readonly insights: InsightsService,
    private readonly pledges: PledgesService,
    private readonly config: AppConfig,
    private readonly records: DataRevision,
  ) {
    this.drawn = revision.cache<string>('page-figures', PAGE_FIGURES_KEPT);
    this.maps = revision.cache<DrawnMap>('page-maps', PAGE_FIGURES_KEPT);
    this.regionBodies = records.cache(PAGE_FIGURES_KEPT);
  }

  @Get()
  async world(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('asOf') asOfQuery?: string,
  ): Promise<void> {
    const tr = pageTranslator(request);
    const asOf = pageAsOf(asOfQuery, tr);
    const dashboard = await this.dashboards.global(asOf);
    const chartTitle = tr.t('dashboards.world.chartTitle');
    const [map, chart] = await Promise.all([
      this.map(tr, dashboard.asOf),
      this.chart(tr, dashboard.asOf, dashboard.partiesOverTime, chartTitle),
    ]);
    const context = pageContext(request, reply, { title: tr.t('dashboards.world.title'), section: 'world' });
    const html = await renderPage(reply, 'global', context, {
      dashboard,
      asOf: asOfView('/', asOf),
      map: map.svg,
      unconfirmed: map.unconfirmed,
      legend: legend(dashboard),
      chart,
      chartTitle,
      yearEnds: yearEnds(dashboard.partiesOverTime),
    });
    return void reply.send(html);
  }

  @Get('regions/:region')
  async region(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Param('region') region: string,
    @Query('asOf') asOfQuery?: string,
  ): Promise<void> {
    const tr = pageTranslator(request);
    const asOf = pageAsOf(asOfQuery, tr);
    const revision = await this.records.current();
    // The page holds nothing of its reader's besides the layout: its body is kept for every reader of the language.
    const page = await this.regionBodies.get(`${tr.locale} ${region} ${asOf ?? ''}`, revision, () =>
      this.regionBody(request, reply, tr, region, asOf),
    );
    const context = pageContext(request, reply, { title: page.name, section: `region:${page.region}` });
    return void reply.send(await renderAroundBody(reply, context, page.body));
  }

  private async regionBody(
    request: FastifyRequest,
    reply: FastifyReply,
    tr: Translator,
    region: string,
    asOf: string | undefined,
  ): Promise<{ name: string; region: Region; body: KeptBody }> {
    const dashboard = await this.dashboards.region(region, asOf);
    const name = regionName(dashboard.region, tr);
    const title = tr.t('dashboards.region.chartTitle', { region: name });
    const [map, chart, stalled, pledges, outcomes] = await Promise.all([
      this.map(tr, dashboard.asOf, dashboard.region),
      this.chart(tr, dashboard.asOf, dashboard.partiesOverTime, title, dashboard.region),
      // Stalls, pledges and outcomes are today's reading: a page of a past day shows the status alone.
      asOf ? [] : this.insights.stalled({ region: dashboard.region }),
      asOf ? { items: [] } : this.pledges.list({ region: dashboard.region, limit: REGION_PLEDGES_SHOWN }),
      asOf ? null : this.insights.outcomesKept({ region: dashboard.region }),
    ]);
    const context = pageContext(request, reply, { title: name, section: `region:${dashboard.region}` });
    const body: string = await reply.viewAsync('region', {
      ...KeptBody.context(context, 'shared'),
      dashboard: tr.locale === 'en' ? dashboard : { ...dashboard, states: byLocalName(dashboard.states, tr) },
      regionName: name,
      asOf: asOfView(`/regions/${dashboard.region}`, asOf),
      map: map.svg,
      unconfirmed: map.unconfirmed,
      legend: legend(dashboard),
      chart,
      chartTitle: tr.t('dashboards.region.chartHeading'),
      yearEnds: yearEnds(dashboard.partiesOverTime),
      // The Statute and its implementation: the amendments' long lists would bury them.
      stalled: stalled.filter((x) => x.instrument === 'rome-statute' || x.instrument.startsWith('implementation-')),
      pledges: pledges.items,
      outcomes,
      stallMonths: this.config.STALL_AFTER_MONTHS,
      quietMonths: this.config.QUIET_AFTER_MONTHS,
    });
    return { name, region: dashboard.region, body: new KeptBody(body) };
  }

  /**
   * The map coloured by Rome Statute stage, drawn once per change of the status; a state whose stage rests in part
   * on reports only is outlined in dashes, and named in the sentence under the map.
   */
  private map(tr: Translator, asOf: string, region?: Region): Promise<DrawnMap> {
    return this.maps.get(`map:${tr.locale}:${asOf}:${region ?? ''}`, async () => {
      const states = await this.dashboards.statesWithStatus(asOf);
      const names = viewHelpersFor(tr.locale);
      const unconfirmed = states
        .filter((s) => !s.instruments['rome-statute'].confirmed && (region === undefined || s.region === region))
        .map((s) => names.stateName(s.code, s.name));
      const svg = renderMap({
        id: 'map',
        region,
        title: region ? tr.t('dashboards.map.regionTitle') : tr.t('dashboards.map.worldTitle'),
        description: tr.t('dashboards.map.description'),
        states: states.map((s) => {
          const { stage, confirmed } = s.instruments['rome-statute'];
          const label = stageLabelFor('rome-statute', stage, tr);
          return {
            code: s.code,
            name: names.stateName(s.code, s.name),
            region: s.region,
            className: confirmed ? `stage-${stage}` : `stage-${stage} unconfirmed`,
            label: confirmed
              ? label
              : tr.t('dashboards.map.unconfirmedStage', { stage: label, unconfirmed: unconfirmedLabel(tr) }),
          };
        }),
      });
      return { svg, unconfirmed };
    });
  }

  private chart(tr: Translator, asOf: string, series: PartiesPoint[], title: string, region?: Region): Promise<string> {
    return this.drawn.get(`chart:${tr.locale}:${asOf}:${region ?? ''}`, () =>
      Promise.resolve(renderStepChart(series, { id: 'parties-chart', title, tr })),
    );
  }
}

interface DrawnMap {
  svg: string;
  /** The names of the states drawn whose Rome Statute stage rests in part on reports only. */
  unconfirmed: string[];
}

/** The states in the alphabetical order of their names in the reader's language, as the table says it is sorted. */
function byLocalName<S extends { code: string; name: string }>(states: readonly S[], tr: Translator): S[] {
  const names = viewHelpersFor(tr.locale);
  const collator = new Intl.Collator(tr.intlTag);
  return [...states].sort((a, b) => collator.compare(names.stateName(a.code, a.name), names.stateName(b.code, b.name)));
}

const LEGEND_ORDER: readonly Stage[] = ['party', 'withdrawing', 'deposited', 'signed', 'withdrawn', 'none'];

/** Each stage's colour and count for the map's legend. */
function legend(dashboard: DashboardView): { stage: Stage; count: number }[] {
  const rome = dashboard.instruments[0].stages;
  return LEGEND_ORDER.map((stage) => ({ stage, count: rome[stage] }));
}
