"""Who calls the API: a person with a session, or a unit's machine client with a token."""

from dataclasses import dataclass

from ninja.security import APIKeyCookie, HttpBearer

from gongzhi.accounts import services as account_services
from gongzhi.accounts.models import ApiToken


@dataclass
class TokenPrincipal:
    """A machine client acting for its unit. Not a person: it has no role capabilities."""

    token: ApiToken

    is_authenticated = True
    is_active = True
    role = "api_token"
    pk = None

    @property
    def unit(self):
        return self.token.unit

    @property
    def unit_id(self):
        return self.token.unit_id

    def has_capability(self, capability: str) -> bool:
        return capability in TOKEN_CAPABILITIES

    def get_username(self) -> str:
        return f"token:{self.token.prefix}"


# What a unit's machine client may do; later issues add e.g. "supervision.push_values".
TOKEN_CAPABILITIES = {
    "org.view",
    "exchange.submit",
    "cogov.assistance_view",
    "cogov.assistance_lookup",
    "supervision.push_values",
    "credit.check",
}


class TokenAuth(HttpBearer):
    def authenticate(self, request, token: str):
        api_token = account_services.token_authenticate(token)
        if api_token is None:
            return None
        principal = TokenPrincipal(api_token)
        request.principal = principal
        return principal


class SessionAuth(APIKeyCookie):
    """Session login; CSRF checked on unsafe methods as for any form."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            request.principal = user
            return user
        return None


API_AUTH = [TokenAuth(), SessionAuth(csrf=True)]
