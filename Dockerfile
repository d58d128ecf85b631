# modelgate: one image, three roles (migrate, api, worker), chosen by the command.
#
# The build stage has the dev dependencies: the prisma CLI generates the client into
# src/generated and TypeScript compiles everything to dist/. The runtime stage installs
# production dependencies only and takes the compiled JavaScript and the migrations' SQL.

FROM node:20.19-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so source edits do not re-install them. postinstall generates the
# Prisma client, which needs the schema.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --include=dev --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20.19-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    MODELGATE_ARTIFACT_DIR=/data/artifacts \
    MODELGATE_SIGNING_KEY_PATH=/data/signing-key.pem
WORKDIR /app
# --omit=optional as well: @prisma/client names the prisma CLI and TypeScript as optional
# peers, so npm keeps them (with about 250 MB of CLI dependencies) unless optional packages
# are omitted too; the only other optional ones are msgpackr's native speed-ups, which have a
# JavaScript fallback. --ignore-scripts: the package's postinstall runs `prisma generate`, a
# build-stage tool; the generated client is already compiled into dist/.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY prisma/migrations ./prisma/migrations

# Uploaded artifacts and the verdict signing key live in /data, owned by the user the
# processes run as; mount a named volume there so they survive a recreated container.
RUN mkdir -p /data/artifacts && chown -R node:node /data
VOLUME ["/data"]
USER node

EXPOSE 8080
# The default command runs API and worker in one process, so both are checked; compose gives
# each service the check of its own role.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 CMD ["node", "dist/healthcheck.js", "all"]
CMD ["node", "dist/main.js"]
