import { Injectable } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { SignInLimiter } from './sign-in-limiter';

/** Sign-in by email and password, within the limits per address and per account. */
@Injectable()
export class SignInService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly limiter: SignInLimiter,
  ) {}

  async login(email: string, password: string, address: string): ReturnType<AccountsService['login']> {
    await this.limiter.countAddress(address);
    await this.limiter.countAccountAttempt(email);
    const result = await this.accounts.login(email, password);
    if (result) await this.limiter.succeeded(email);
    return result;
  }
}
