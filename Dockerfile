# EcomPulse: build with the compilers, run with production dependencies only.
# docker build -t ecompulse .
# docker run -d -p 5000:5000 -v ecompulse-data:/data ecompulse

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 is compiled here: its prebuilt binaries would come from
# GitHub, and headers from nodejs.org, so build from source against the
# headers the node image already ships in /usr/local/include/node.
ENV npm_config_build_from_source=true \
    npm_config_nodedir=/usr/local
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY plugins ./plugins
COPY schemas ./schemas
# Prune after the build: the compiled better-sqlite3 binding is kept, the
# compilers and dev dependencies stay behind in this stage.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=5000 \
    HOST=0.0.0.0 \
    ECOMPULSE_DB=/data/ecompulse.db
WORKDIR /app
# Code stays owned by root, so the service user cannot change it.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY referrers ./referrers
# The volume takes this ownership when Docker first creates it.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 5000
# close-with-grace in the server drains requests and closes the store on
# SIGTERM; node runs as PID 1 directly, not under npm, so it gets the signal.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "dist/src/healthcheck.js"]
CMD ["node", "dist/src/server.js"]
