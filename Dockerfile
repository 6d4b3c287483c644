# Production image: gunicorn serving the site, WhiteNoise serving static files.
# Build: docker compose build   —   see README.md, section « Production ».

FROM node:20-bookworm-slim AS npm
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --omit=optional

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=centre.settings.production \
    PORT=8000
# WeasyPrint needs Pango; fonts with French glyphs for the PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
       fonts-dejavu-core fonts-liberation2 \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --uid 1000 centre
WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt
COPY --chown=centre:centre . .
COPY --from=npm --chown=centre:centre /app/node_modules ./node_modules
RUN SECRET_KEY=build-only python manage.py collectstatic --noinput -v0 \
    && mkdir -p /app/media && chown centre:centre /app/media
USER centre
EXPOSE 8000
CMD ["sh", "-c", "python manage.py createcachetable && python manage.py migrate --noinput && exec gunicorn centre.wsgi:application --bind 0.0.0.0:${PORT} --workers ${WEB_CONCURRENCY:-3} --access-logfile -"]
