# fieldreport server image: slim Debian Python, multi-stage, non-root, health through the gRPC health service.
# The install step is the README's (`make setup`): `pip install .` from the project root, then the
# gazetteer index is built once, at image build time.

FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
RUN python -m venv /opt/fieldreport
ENV PATH=/opt/fieldreport/bin:$PATH
COPY pyproject.toml README.md ./
COPY protos ./protos
COPY clients ./clients
COPY service ./service
COPY plugins ./plugins
COPY evaluation ./evaluation
COPY bulk ./bulk
RUN python -m pip install --quiet . \
    && FIELDREPORT_CACHE_DIR=/opt/fieldreport/cache python -m fieldreport.plugins.places.build

FROM python:3.11-slim-bookworm
ENV PATH=/opt/fieldreport/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    FIELDREPORT_CACHE_DIR=/opt/fieldreport/cache \
    FIELDREPORT_HOST=0.0.0.0 \
    FIELDREPORT_PORT=50051 \
    FIELDREPORT_METRICS_PORT=9464 \
    FIELDREPORT_LOG_FORMAT=json
RUN groupadd --system --gid 10001 fieldreport \
    && useradd --system --uid 10001 --gid 10001 --no-create-home fieldreport
COPY --from=build /opt/fieldreport /opt/fieldreport
USER 10001:10001
EXPOSE 50051 9464
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 CMD ["fieldreport", "health"]
CMD ["fieldreport", "serve", "--host", "0.0.0.0"]
