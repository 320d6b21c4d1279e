import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** The status_revision counter, which a trigger bumps (and NOTIFYs status_changed) on every change of the status. */
@Injectable()
export class StatusRevisionRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The counter, as text (a bigint). */
  async current(): Promise<string> {
    const [{ revision }]: { revision: string }[] = await this.db.query(
      'SELECT revision::text AS revision FROM status_revision WHERE id = 1',
    );
    return revision;
  }
}
