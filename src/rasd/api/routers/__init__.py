"""One router per resource; ``ROUTERS`` is the order they appear in the OpenAPI description."""
from . import actors, alerts, articles, events, exports, health, ingest, places, stats

ROUTERS = [health.router, events.router, articles.router, actors.router, places.router, stats.router,
           exports.router, ingest.router, alerts.router]
