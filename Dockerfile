# syntax=docker/dockerfile:1
# feedloom in a container: `docker build -t feedloom .`, then see compose.yaml (README: "Running it in containers").
# CI (.ci/run, no docker there) runs this build stage's COPY and RUN lines as written, in a temporary folder,
# then this file's HEALTHCHECK against the result, and lints this file.

# Build stage: the full Debian image has python3, make and g++ for better-sqlite3 when no prebuilt binary fits.
FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Dependencies first (cached while the lockfile is unchanged); install scripts only for the native module.
RUN npm ci --ignore-scripts --no-audit --no-fund
RUN npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build
# Keep only what runs: no TypeScript, no test tools.
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# Runtime stage: slim image, non-root user, the SQLite database on a volume.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATABASE_URL=sqlite:/data/feedloom.db \
    FEEDLOOM_CONFIG=/app/feeds.config.json
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json feeds.config.json feeds.schema.json ./
COPY bin ./bin
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 8080
# /healthz answers 200 while the database answers (503 otherwise). Node's own fetch: the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/feedloom.js"]
CMD ["run"]
