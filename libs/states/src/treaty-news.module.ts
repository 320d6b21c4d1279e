import { Module } from '@nestjs/common';
import { TreatyNewsRepository } from './treaty-news.repository';

/**
 * The week's treaty news alone, for the digest: importing it does not bring the rest of states (its caches and
 * the connection that listens for status changes) into the worker.
 */
@Module({ providers: [TreatyNewsRepository], exports: [TreatyNewsRepository] })
export class TreatyNewsModule {}
