# syntax=docker/dockerfile:1
# Harmoniq: `docker build -t harmoniq .` then see docs/docker.md.
#
# Node 22 LTS at run time: Node 20 (what development and CI use) reached its end of life in April 2026, and 22
# is the maintained LTS closest to it. Every dependency is pinned to a version that runs on Node >= 20, so the
# same code runs on both. Override with --build-arg NODE_VERSION=24 (or 20) if you need to.
ARG NODE_VERSION=22

# 1. Build: every workspace's TypeScript to dist/ (npm ci runs `prepare`, which is `tsc -b`).
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /src
COPY . .
RUN npm ci --no-audit --no-fund

# 2. What the image ships: the root and every workspace's package.json, their dist/, the bin shim, and only
#    production dependencies (--ignore-scripts: `prepare` would need TypeScript, a dev dependency).
#    --legacy-peer-deps: TypeScript is an optional peer of cosmiconfig (only for .ts config files, which
#    Harmoniq does not read), and npm keeps such "devOptional" packages under --omit=dev alone. Not
#    --omit=optional: that would also drop the platform binary of @napi-rs/canvas (an optional dependency),
#    and the image could not draw playlist covers.
FROM build AS runtime-files
WORKDIR /app
RUN cp /src/package.json /src/package-lock.json /src/.npmrc ./ \
 && cp -r /src/bin ./bin \
 && for ws in $(node -p "require('/src/package.json').workspaces.join(' ')"); do \
      mkdir -p "$ws" && cp "/src/$ws/package.json" "$ws/" && cp -r "/src/$ws/dist" "$ws/dist" && rm -f "$ws/dist/.tsbuildinfo"; \
    done \
 && npm ci --omit=dev --legacy-peer-deps --ignore-scripts --no-audit --no-fund \
 && npm cache clean --force

# 3. Run: small, non-root, state in the /data volume.
FROM node:${NODE_VERSION}-slim
ENV NODE_ENV=production \
    HARMONIQ_DATA_DIR=/data
WORKDIR /app
# Owned by root and read-only for the user the daemon runs as.
COPY --from=runtime-files /app /app
RUN ln -s /app/bin/harmoniq.js /usr/local/bin/harmoniq \
 && mkdir -p /data \
 && chown node:node /data
USER node
VOLUME ["/data"]
# Reads /data/state.json only (no network). `|| exit 1`: Docker reserves exit code 2, which a config error would give.
HEALTHCHECK --interval=5m --timeout=30s --start-period=10m --retries=2 CMD harmoniq health || exit 1
# SIGTERM lets the current run finish for up to 30 s: give `docker stop` more than that (docs/docker.md).
CMD ["harmoniq", "daemon"]
