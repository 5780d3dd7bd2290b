# fieldreport server image: slim Debian Python, multi-stage, non-root, health through the gRPC health service.
# The install step is the README's (`make setup`): `pip install .` from the project root, then the
# gazetteer index is built once, at image build time, and what the server never reads is cut
# (scripts/slim_venv.sh says what and why). `make image` builds it; `make image-test` builds, runs and calls it.
#
# Behind a TLS-inspecting proxy: pass the proxy's CA bundle (and, if needed, a pip config naming your
# index) as BuildKit secrets; they are mounted for the `pip install` step only and never stored in a layer:
#   DOCKER_BUILDKIT=1 docker build --secret id=ca,src=/path/to/ca-bundle.pem \
#                                  --secret id=pipconf,src=/path/to/pip.conf -t fieldreport .

FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PYTHONDONTWRITEBYTECODE=1
# binutils: `strip`, to drop the debug sections that many wheels' extension modules ship (~120 MB).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install --yes --no-install-recommends binutils \
    && rm -rf /var/lib/apt/lists/*
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
# The secrets, when given, exist only while this RUN runs (under /run/secrets, not in the layer).
# The pip cache is a BuildKit cache mount: a rebuild after a code change downloads nothing again.
RUN --mount=type=secret,id=ca --mount=type=secret,id=pipconf --mount=type=cache,target=/root/.cache/pip \
    if [ -s /run/secrets/ca ]; then export PIP_CERT=/run/secrets/ca SSL_CERT_FILE=/run/secrets/ca; fi \
    && if [ -s /run/secrets/pipconf ]; then export PIP_CONFIG_FILE=/run/secrets/pipconf; fi \
    && python -m pip install --quiet . \
    && FIELDREPORT_CACHE_DIR=/opt/fieldreport/cache python -m fieldreport.plugins.places.build
COPY scripts/slim_venv.sh /tmp/slim_venv.sh
RUN sh /tmp/slim_venv.sh /opt/fieldreport

FROM python:3.11-slim-bookworm
# HOME=/tmp: an arbitrary uid (OpenShift) has no passwd entry and no home; /tmp is the one writable place
# (a tmpfs or an emptyDir with --read-only / readOnlyRootFilesystem).
ENV PATH=/opt/fieldreport/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOME=/tmp \
    FIELDREPORT_CACHE_DIR=/opt/fieldreport/cache \
    FIELDREPORT_HOST=0.0.0.0 \
    FIELDREPORT_PORT=50051 \
    FIELDREPORT_METRICS_PORT=9464 \
    FIELDREPORT_LOG_FORMAT=json
RUN groupadd --system --gid 10001 fieldreport \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /tmp fieldreport
# Owned by root and world-readable: any uid (10001, or an arbitrary one in group 0) reads it, none writes it.
COPY --from=build /opt/fieldreport /opt/fieldreport
USER 10001:10001
EXPOSE 50051 9464
# SIGTERM drains in-flight calls for --grace (20 s): stop with `docker stop --time 30` (Docker's default is 10 s).
STOPSIGNAL SIGTERM
# `fieldreport health` calls localhost:$FIELDREPORT_PORT; with TLS on, give it the CA as well as the server its
# certificate: -e FIELDREPORT_TLS_CERT=… -e FIELDREPORT_TLS_KEY=… -e FIELDREPORT_TLS_CA=… (and
# FIELDREPORT_TLS_SERVER_NAME when the certificate does not name localhost). The health service needs no token.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 CMD ["fieldreport", "health"]
# The address and ports come from FIELDREPORT_HOST/PORT/METRICS_PORT above (flags would override them).
CMD ["fieldreport", "serve"]
