import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { RemindersService } from '@app/follow-ups';
import { RedisHealthIndicator } from '@app/platform';
import { Public } from '../auth/auth.guard';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly reminders: RemindersService,
    private readonly indicator: HealthIndicatorService,
  ) {}

  /** The process is up. */
  @Get()
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * PostgreSQL and Redis are reachable (503 otherwise), and how late the oldest due reminder is. A late
   * reminder means the worker is down or behind; it is reported, not failed, so the api keeps serving.
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1000 }),
      () => this.redis.isHealthy('redis'),
      async () => {
        const overdue = await this.reminders.oldestOverdueSeconds();
        return this.indicator.check('reminders').up({ oldestOverdueUnsentSeconds: overdue, late: overdue > 120 });
      },
    ]);
  }
}
