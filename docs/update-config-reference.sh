#!/usr/bin/env bash
# Regenerates docs/config.md from the @ConfigMapping javadoc: the deployment module's build runs
# quarkus-config-doc-maven-plugin, this puts a title on its output. ConfigReferenceIsCurrentTest fails until it is run
# after a change to the configuration.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp process-classes -pl extension,deployment
{
    echo "# Configuration reference"
    echo
    echo "<!-- Generated from the @ConfigMapping javadoc by docs/update-config-reference.sh; do not edit by hand. -->"
    echo
    cat deployment/target/config-reference/quarkus-coalesce.md
} > docs/config.md
echo "docs/config.md updated"
