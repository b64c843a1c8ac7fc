# The Learning Lab portal: one image for web (gunicorn), worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gettext compiles the translations at build time.
RUN apt-get update \
    && apt-get install --yes --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 app
WORKDIR /app

# Dependencies first, so code changes do not reinstall them.
COPY pyproject.toml README.md ./
RUN pip install .

COPY . .
# Build-time only values: the real ones come from the environment at run time.
RUN DEBUG=false SECRET_KEY=build-only-not-secret \
        python manage.py build_translations \
    && DEBUG=false SECRET_KEY=build-only-not-secret \
        python manage.py collectstatic --noinput \
    && mkdir -p /app/var /app/media && chown -R app:app /app/var /app/media

USER app
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--config", "config/gunicorn.py"]
