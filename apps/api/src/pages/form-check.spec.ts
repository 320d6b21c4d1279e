import { translator } from '@app/i18n';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CreateActionDto } from '../advocacy/action.dto';
import { SetPasswordDto } from '../auth/auth.dto';
import { PageQueryDto } from '../common/page.dto';
import { checkForm, formToPlain, limitsAt } from './form-check';

const en = translator('en');

class NoteDto {
  @IsString()
  @MinLength(3)
  @MaxLength(5)
  word!: string;

  @IsOptional()
  @IsString()
  other?: string;
}

describe('a page form checked with the DTO', () => {
  it('sends the form as the API receives JSON: empty fields left out, numbers as numbers where the DTO wants them', () => {
    const form = { dto: PageQueryDto, fields: { limit: {}, cursor: {} } };
    expect(formToPlain(form, { limit: ' 20 ', cursor: '' })).toEqual({ limit: 20 });
    expect(formToPlain(form, { limit: 'ten', cursor: 'abc' })).toEqual({ limit: 'ten', cursor: 'abc' });
  });

  it('fills a nested object once any of its fields is sent', () => {
    const form = { dto: CreateActionDto, fields: { due: { path: 'followUp.dueOn' }, none: { path: null } } };
    expect(formToPlain(form, { due: '', none: 'x' })).toEqual({ followUp: {} });
    expect(formToPlain(form, { due: '2025-01-01' }, { stateCode: 'KEN' })).toEqual({
      stateCode: 'KEN',
      followUp: { dueOn: '2025-01-01' },
    });
  });

  it("reads the DTO's limits from its decorators", () => {
    expect(limitsAt(CreateActionDto, 'title')).toEqual({ max: 300 });
    expect(limitsAt(CreateActionDto, 'followUp.title')).toEqual({ min: 1, max: 300 });
    expect(limitsAt(SetPasswordDto, 'password')).toEqual({ min: 10, max: 200 });
    expect(limitsAt(CreateActionDto, 'type')).toEqual({});
  });

  it('says what is too short or too long from the limits, and falls back to the DTO message for the rest', async () => {
    const form = { dto: NoteDto, fields: { word: { what: 'forms.what.note' }, other: {} } };
    expect(await checkForm(form, { word: 'ab', other: '' }, en)).toEqual({
      ok: false,
      errors: { word: 'Enter at least 3 characters for the note.' },
    });
    expect(await checkForm(form, { word: 'abcdef' }, en)).toEqual({
      ok: false,
      errors: { word: 'Keep the note to 5 characters or fewer.' },
    });
    // What the page adds itself and no field stands for is refused atop the form, in the DTO's words.
    expect(await checkForm(form, { word: 'abcd' }, en, { extra: 1 })).toEqual({
      ok: false,
      errors: { form: 'Property extra should not exist.' },
    });
  });
});
