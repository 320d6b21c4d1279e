import { Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccountsService, PasswordLinksService, SignInService } from '@app/accounts';
import { AppConfig, DomainError } from '@app/platform';
import { Public, WebPage } from '../auth/auth.guard';
import {
  checkForm,
  fieldsOf,
  FormBody,
  limitsAt,
  LOGIN_FORM,
  PASSWORD_RESET_FORM,
  readForm,
  SET_PASSWORD_FORM,
} from './forms';
import { pageContext, renderPage } from './page-context';
import { pageTranslator } from './page-locale';
import { localPath, PAGES_PREFIX } from './page-routing';
import { cookieOptions, SESSION_COOKIE, sessionToken } from './session';

/** A refusal the form shows next to its fields (bad link, limits reached) rather than as an error page. */
function formRefusal(err: unknown): DomainError | null {
  return err instanceof DomainError && (err.kind === 'invalid' || err.kind === 'rate-limited') ? err : null;
}

/**
 * Signing in and out of the web pages with a session cookie, within the same sign-in limits as the API, and
 * the pages an invitation or a password reset leads to.
 */
@ApiExcludeController()
@WebPage()
@Controller(PAGES_PREFIX.slice(1))
export class SessionPagesController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly signIn: SignInService,
    private readonly links: PasswordLinksService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('login')
  async loginPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('next') next?: string,
    @Query('signedOut') signedOut?: string,
    @Query('passwordSet') passwordSet?: string,
  ): Promise<void> {
    const token = sessionToken(request);
    if (token && (await this.accounts.authenticate(token))) {
      return void reply.redirect(localPath(next), 303);
    }
    const context = pageContext(request, reply, {
      title: pageTranslator(request).t('account.login.title'),
      section: 'none',
    });
    const html = await renderPage(reply, 'login', context, {
      form: { values: { email: '' }, errors: {} },
      next: localPath(next),
      signedOut: signedOut === '1',
      passwordSet: passwordSet === '1',
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
    const values = readForm(body, [...fieldsOf(LOGIN_FORM), 'next']);
    const checked = await checkForm(LOGIN_FORM, values, pageTranslator(request));
    const errors: Record<string, string> = checked.ok ? {} : checked.errors;
    let result: Awaited<ReturnType<SignInService['login']>> = null;
    let status = 400;
    try {
      if (checked.ok) {
        result = await this.signIn.login(checked.input.email, checked.input.password, request.ip);
        if (!result) {
          errors.form = pageTranslator(request).t('account.login.wrong');
          status = 401;
        }
      }
    } catch (err) {
      const refusal = formRefusal(err);
      if (!refusal) throw err;
      errors.form = refusal.message;
      status = this.refusalStatus(reply, refusal);
    }
    if (!result) {
      if (Object.keys(errors).length === 0) errors.form = pageTranslator(request).t('account.login.wrong');
      const context = pageContext(request, reply, {
        title: pageTranslator(request).t('account.login.title'),
        section: 'none',
      });
      const html = await renderPage(
        reply,
        'login',
        context,
        {
          form: { values: { email: values.email }, errors },
          next: localPath(values.next),
          signedOut: false,
          passwordSet: false,
        },
        status,
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
    const context = pageContext(request, reply, {
      title: pageTranslator(request).t('account.logout.title'),
      section: 'none',
    });
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

  @Public()
  @Get('forgot-password')
  async forgotPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.renderForgot(request, reply, { email: '' }, {}, false);
  }

  /** Answers the same whether or not the address has an account, so the page does not tell which ones do. */
  @Public()
  @Post('forgot-password')
  async forgot(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(PASSWORD_RESET_FORM));
    const { email } = values;
    const checked = await checkForm(PASSWORD_RESET_FORM, values, pageTranslator(request));
    if (!checked.ok) return this.renderForgot(request, reply, { email }, checked.errors, false);
    try {
      await this.links.requestReset(checked.input.email, request.ip);
    } catch (err) {
      const refusal = formRefusal(err);
      if (!refusal) throw err;
      const status = this.refusalStatus(reply, refusal);
      return this.renderForgot(request, reply, { email }, { form: refusal.message }, false, status);
    }
    return this.renderForgot(request, reply, { email: checked.input.email }, {}, true);
  }

  @Public()
  @Get('set-password')
  async setPasswordPage(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Query('token') token?: string,
  ): Promise<void> {
    return this.renderSetPassword(request, reply, typeof token === 'string' ? token : '', {});
  }

  @Public()
  @Post('set-password')
  async setPassword(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @FormBody() body: Record<string, unknown>,
  ): Promise<void> {
    const values = readForm(body, fieldsOf(SET_PASSWORD_FORM));
    const { token } = values;
    const checked = await checkForm(SET_PASSWORD_FORM, values, pageTranslator(request));
    if (!checked.ok) return this.renderSetPassword(request, reply, token, checked.errors, 400);
    try {
      await this.links.setPassword(checked.input.token, checked.input.password, request.ip);
    } catch (err) {
      const refusal = formRefusal(err);
      if (!refusal) throw err;
      const status = this.refusalStatus(reply, refusal);
      return this.renderSetPassword(request, reply, token, { form: refusal.message }, status);
    }
    return void reply.redirect('/login?passwordSet=1', 303);
  }

  private refusalStatus(reply: FastifyReply, refusal: DomainError): number {
    if (refusal.kind !== 'rate-limited') return 400;
    if (refusal.retryAfterSeconds !== undefined) void reply.header('retry-after', String(refusal.retryAfterSeconds));
    return 429;
  }

  private async renderForgot(
    request: FastifyRequest,
    reply: FastifyReply,
    values: { email: string },
    errors: Record<string, string>,
    sent: boolean,
    status = Object.keys(errors).length > 0 ? 400 : 200,
  ): Promise<void> {
    const context = pageContext(request, reply, {
      title: pageTranslator(request).t('account.forgot.title'),
      section: 'none',
    });
    const html = await renderPage(
      reply,
      'forgot-password',
      context,
      { form: { values, errors }, sent, ttlMinutes: this.config.RESET_TTL_MINUTES },
      status,
    );
    return void reply.send(html);
  }

  private async renderSetPassword(
    request: FastifyRequest,
    reply: FastifyReply,
    token: string,
    errors: Record<string, string>,
    status = 200,
  ): Promise<void> {
    const context = pageContext(request, reply, {
      title: pageTranslator(request).t('account.setPassword.title'),
      section: 'none',
    });
    // The page states the DTO's limits, and the browser holds the field to them.
    const password = limitsAt(SET_PASSWORD_FORM.dto, 'password');
    const html = await renderPage(
      reply,
      'set-password',
      context,
      { form: { values: { token }, errors }, password },
      status,
    );
    return void reply.send(html);
  }
}
