import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { REGIONS } from '@app/accounts';
import { DashboardsService } from '@app/dashboards';
import { GlobalDashboardDto, RegionDashboardDto, StateDashboardDto } from './dashboard.dto';

@ApiTags('dashboards')
@ApiBearerAuth()
@Controller('dashboards')
export class DashboardsController {
  constructor(private readonly dashboards: DashboardsService) {}

  @Get('global')
  @ApiOkResponse({ type: GlobalDashboardDto })
  global(): Promise<GlobalDashboardDto> {
    return this.dashboards.global();
  }

  @Get('regions/:region')
  @ApiParam({ name: 'region', enum: REGIONS })
  @ApiOkResponse({ type: RegionDashboardDto })
  @ApiNotFoundResponse({ description: 'No region with that code' })
  region(@Param('region') region: string): Promise<RegionDashboardDto> {
    return this.dashboards.region(region);
  }

  @Get('states/:code')
  @ApiParam({ name: 'code', description: 'ISO 3166-1 alpha-3, any case', example: 'KEN' })
  @ApiOkResponse({ type: StateDashboardDto })
  @ApiNotFoundResponse({ description: 'No state with that code' })
  state(@Param('code') code: string): Promise<StateDashboardDto> {
    return this.dashboards.state(code);
  }
}
