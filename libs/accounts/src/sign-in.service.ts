import { Injectable } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { normalizeEmail } from './email';
import { SignInLimiter } from './sign-in-limiter';

/** Sign-in by email and password, within the limits per address and per account. */
@Injectable()
export class SignInService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly limiter: SignInLimiter,
  ) {}

  async login(given: string, password: string, address: string): ReturnType<AccountsService['login']> {
    // One form of the address for the limit and the account, so no spelling of it counts apart.
    const email = normalizeEmail(given);
    await this.limiter.countAddress(address);
    await this.limiter.countAccountAttempt(email);
    const result = await this.accounts.login(email, password);
    if (result) await this.limiter.succeeded(email);
    return result;
  }
}
