import {
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  createParamDecorator,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { FastifyRequest } from 'fastify';
import { AccountsService, assertAllowed, Permission, RequestBudget, SignedInUser } from '@app/accounts';
import { sessionToken } from '../pages/session';

const PUBLIC = 'auth:public';
const PERMISSION = 'auth:permission';
const WEB_PAGE = 'auth:web-page';

/** The route needs no signed-in user. */
export const Public = () => SetMetadata(PUBLIC, true);

/**
 * The routes are web pages: the user is known by the session cookie instead of a bearer token. The API never
 * takes the cookie, so a page on another site cannot make a browser call the API with it.
 */
export const WebPage = () => SetMetadata(WEB_PAGE, true);

/** The route needs a permission that does not depend on a state's region (for example managing users). */
export const Requires = (permission: Permission) => SetMetadata(PERMISSION, permission);

type AuthedRequest = FastifyRequest & { user?: SignedInUser };

/** The token of `Authorization: Bearer <token>`, or undefined when the header is missing or malformed. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S{20,200})$/i.exec(header) : null;
  return match?.[1];
}

/** The signed-in user of the request. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): SignedInUser => {
  const user = ctx.switchToHttp().getRequest<AuthedRequest>().user;
  if (!user) throw new UnauthorizedException('sign in first');
  return user;
});

/** Every route needs a valid bearer token (a session cookie for @WebPage()) unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly accounts: AccountsService,
    private readonly budget: RequestBudget,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, targets)) return true;
    const request = ctx.switchToHttp().getRequest<AuthedRequest>();
    let token: string | undefined;
    if (this.reflector.getAllAndOverride<boolean>(WEB_PAGE, targets)) {
      token = sessionToken(request);
      if (!token) throw new UnauthorizedException('sign in first');
    } else {
      token = bearerToken(request);
      if (!token) throw new UnauthorizedException('missing bearer token: send Authorization: Bearer <token>');
    }
    const user = await this.accounts.authenticate(token);
    if (!user) throw new UnauthorizedException('invalid or expired token: sign in again');
    request.user = user;
    await this.budget.spend(user.id);
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION, targets);
    if (permission) assertAllowed(user, permission);
    return true;
  }
}
