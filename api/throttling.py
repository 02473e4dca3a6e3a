"""A request budget per API token (``DVCQ_API_RATE``, default 600/hour), counted in the
store every app server process shares (``dvcq.counters``): a fixed window per token, one
atomic increment per request, so three workers do not give a token three budgets."""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken
from dvcq import counters


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api_token"
    retry_after = None

    def get_rate(self):
        # Read on every request (not once at import) so that a settings change applies.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return None  # unauthenticated requests are refused before they cost anything
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        hit = counters.hit(key, self.duration)
        self.retry_after = hit.retry_after
        return hit.count <= self.num_requests

    def wait(self):
        return self.retry_after
