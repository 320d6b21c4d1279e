import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService } from '@app/accounts';
import { AppConfig } from '@app/platform';
import { Public, WebPage } from '../auth/auth.guard';
import { FormBody, readForm } from './forms';
import { pageContext, renderPage } from './page-context';
import { localPath, PAGES_PREFIX } from './page-routing';
import { cookieOptions, SESSION_COOKIE, sessionToken } from './session';

/** Signing in and out of the web pages with a session cookie. */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class SessionPagesController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('login')
  async loginPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('next') next?: string,
    @Query('signedOut') signedOut?: string,
  ): Promise<void> {
    const token = sessionToken(request);
    if (token && (await this.accounts.authenticate(token))) {
      return void reply.redirect(localPath(next), 303);
    }
    const context = pageContext(request, reply, { title: 'Sign in', section: 'none' });
    const html = await renderPage(reply, 'login', context, {
      form: { values: { email: '' }, errors: {} },
      next: localPath(next),
      signedOut: signedOut === '1',
    });
    return void reply.send(html);
  }

  @Public()
  @Post('login')
  async login(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, ['email', 'password', 'next']);
    const errors: Record<string, string> = {};
    if (values.email.trim() === '') errors.email = 'Enter your email address.';
    if (values.password === '') errors.password = 'Enter your password.';
    const result =
      Object.keys(errors).length === 0 && values.email.length <= 320 && values.password.length <= 500
        ? await this.accounts.login(values.email.trim(), values.password)
        : null;
    if (!result) {
      if (Object.keys(errors).length === 0) {
        errors.form = 'The email or password is wrong, or the account is deactivated.';
      }
      const context = pageContext(request, reply, { title: 'Sign in', section: 'none' });
      const html = await renderPage(
        reply,
        'login',
        context,
        { form: { values: { email: values.email }, errors }, next: localPath(values.next), signedOut: false },
        errors.form ? 401 : 400,
      );
      return void reply.send(html);
    }
    void reply.setCookie(
      SESSION_COOKIE,
      result.accessToken,
      cookieOptions(this.config.PUBLIC_URL, new Date(result.expiresAt)),
    );
    return void reply.redirect(localPath(values.next), 303);
  }

  /** Signing out takes a form post (a link on another site must not sign anyone out): this page holds it. */
  @Get('logout')
  async logoutPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const context = pageContext(request, reply, { title: 'Sign out', section: 'none' });
    return void reply.send(await renderPage(reply, 'logout', context, {}));
  }

  /** Public, so that a session that has already expired can still be cleared; the form's CSRF token is checked. */
  @Public()
  @Post('logout')
  async logout(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const token = sessionToken(request);
    if (token) await this.accounts.signOut(token);
    void reply.clearCookie(SESSION_COOKIE, cookieOptions(this.config.PUBLIC_URL));
    return void reply.redirect('/login?signedOut=1', 303);
  }
}
