import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsService } from '@app/accounts';
import { LOCKS, withAdvisoryLock } from '@app/platform';
import { ReferenceDataService } from '@app/states';

/**
 * Brings the database up to date before a process serves: migrations, reference data, the first admin.
 * Api and worker both run it at start; an advisory lock makes the second wait and then find nothing to do.
 */
@Injectable()
export class SetupService {
  private readonly logger = new Logger(SetupService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reference: ReferenceDataService,
    private readonly accounts: AccountsService,
  ) {}

  async run(): Promise<void> {
    await withAdvisoryLock(this.db, LOCKS.setup, async () => {
      const applied = await this.db.runMigrations({ transaction: 'each' });
      if (applied.length) this.logger.log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
      await this.db.transaction(async (m) => {
        await this.reference.load(m);
        await this.accounts.ensureAdmin(m);
      });
    });
  }
}
