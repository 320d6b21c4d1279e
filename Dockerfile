# One image for both processes of the Rome Statute campaign tracker:
#   api    (default):  node dist/apps/api/main.js     (HTTP on $PORT, default 3000)
#   worker (override): node dist/apps/worker/main.js  (BullMQ worker, no HTTP)
#
# Debian (glibc) base on purpose, not alpine (musl).
#
# Install scripts are skipped (--ignore-scripts), as package.json's "allowScripts" does for
# npm 11: the image's npm 10 does not read that field. The one native module that needs work is
# argon2: its prebuilt linux binaries (0.45.x) declare N-API 10, which needs Node >= 22; Node 20
# has N-API 9 and crashes with a segmentation fault when it loads them. So the `deps` stage
# compiles argon2 from source against this image's Node (N-API 9) and checks that it hashes.
# msgpackr-extract's prebuilt binary loads fine on Node 20; @scarf/scarf only reports installs.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- deps: production dependencies only, with argon2 compiled for this Node ----
FROM ${NODE_IMAGE} AS deps
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# nodedir: the Node headers the official image ships, so node-gyp downloads none.
ENV npm_config_nodedir=/usr/local
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
    && npm rebuild argon2 --build-from-source \
    && rm -rf node_modules/argon2/build/Release/obj.target node_modules/argon2/build/Release/.deps \
    && node -e "require('argon2').hash('smoke-test-password').then(()=>console.log('argon2 loads and hashes'))" \
    && npm cache clean --force

# ---- build: all dependencies, then the two webpack bundles ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime: production dependencies, the bundles and the reference data ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The apps find libs/states/data/treaty-events.csv, and the api its page templates and assets, by walking up
# from dist/apps/<app>/.
COPY libs/states/data ./libs/states/data
COPY apps/api/views ./apps/api/views
COPY apps/api/public ./apps/api/public
USER node
# Every interface of the container: the published port reaches the api only so (npm start keeps to 127.0.0.1).
ENV HOST=0.0.0.0
ENV PORT=3000
EXPOSE 3000
# No HEALTHCHECK here: the same image runs the worker, which serves no HTTP. docker-compose.yml
# checks the api on /health/ready.
CMD ["node", "dist/apps/api/main.js"]
