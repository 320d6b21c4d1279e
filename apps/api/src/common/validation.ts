import type { ClassTransformOptions } from 'class-transformer';
import { ValidateBy, ValidateIf, ValidationOptions, ValidatorOptions } from 'class-validator';
import { BadRequestException } from '@nestjs/common';
import { isCalendarDate, parseInstant } from '@app/platform';
import { INSTRUMENTS, RETIRED_INSTRUMENTS } from '@app/states';

/**
 * How every input is validated against its DTO: by the API's global ValidationPipe and by the web pages' forms,
 * so that both refuse the same things. Unknown fields are refused, and every error is reported, not the first.
 */
export const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  stopAtFirstError: false,
};

/** How a body becomes its DTO (class-transformer): as sent, no implicit conversion. */
export const TRANSFORM_OPTIONS: ClassTransformOptions = {};

/** A real calendar date written YYYY-MM-DD (2025-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isCalendarDate(value),
        defaultMessage: (args) => `${args?.property} must be a real date written YYYY-MM-DD`,
      },
    },
    options,
  );
}

/**
 * An instant with its offset (2026-12-01T09:00:00Z, 2026-12-01T10:00+01:00) naming a time that exists: every
 * instant the API takes goes through this and then instantOf, so 30 February, 25:00 or +99:99 is a 400 naming
 * the field, never rolled over into March nor an Invalid Date further in.
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value) => parseInstant(value) !== null,
        defaultMessage: (args) => instantMessage(args?.property ?? 'the value'),
      },
    },
    options,
  );
}

export const instantMessage = (field: string): string =>
  `${field} must be an ISO 8601 instant with a time zone, e.g. 2026-12-01T09:00:00Z, ` +
  'naming a time that exists (no 30 February, no hour 24 or more, no minute 60, offset within ±18:00)';

/** The Date of an instant IsInstant accepted (read the same way, by parseInstant). */
export function instantOf(field: string, value: string): Date {
  const instant = parseInstant(value);
  if (instant === null) throw new BadRequestException(instantMessage(field));
  return instant;
}

/**
 * The field may be left out, but when sent it is validated, null included: unlike @IsOptional(), which lets
 * null through to code that expects a value.
 */
export function IsOptionalNotNull(): PropertyDecorator {
  return ValidateIf((_: object, value: unknown) => value !== undefined);
}

/**
 * One of the instrument codes. A retired code (`amendment-art8-2017`, now three UN records) is refused with a
 * message naming the codes that replace it.
 */
export function IsInstrument(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstrument',
      validator: {
        validate: (value) => (INSTRUMENTS as readonly unknown[]).includes(value),
        defaultMessage: (args) => {
          const field = args?.property ?? 'instrument';
          // Own keys only: "__proto__" or "constructor" as an instrument is a plain 400, not a lookup on Object.prototype.
          const replaced =
            typeof args?.value === 'string' && Object.hasOwn(RETIRED_INSTRUMENTS, args.value)
              ? RETIRED_INSTRUMENTS[args.value]
              : undefined;
          return replaced
            ? `${field} ${String(args?.value)} is now three instruments, as the depositary keeps them: ${replaced.join(', ')}`
            : `${field} must be one of ${INSTRUMENTS.join(', ')}`;
        },
      },
    },
    options,
  );
}
