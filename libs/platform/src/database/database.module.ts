import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { migrations } from '@app/migrations';
import { AppConfig } from '../config/app-config';
import { DataRevision } from './data-revision';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        type: 'postgres' as const,
        url: config.DATABASE_URL,
        autoLoadEntities: true,
        synchronize: false,
        migrationsRun: false,
        migrations,
        migrationsTableName: 'schema_migration',
        extra: { max: 10, connectionTimeoutMillis: 5000, application_name: 'rome-statute-tracker' },
        retryAttempts: 5,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: [DataRevision],
  exports: [DataRevision],
})
export class DatabaseModule {}
