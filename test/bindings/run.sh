#!/usr/bin/env bash
# The bindings in apps of their languages: `bash test/bindings/run.sh python|java|go`, after
# `npx projen package:<language>` (npm run test:bindings does both). Each runs its app's tests,
# then the same tests with NRG-VGW turned off, which must fail (so the checks can fail), and,
# for Python and Java, the README's quick start word for word through the real `cdk` CLI.
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
WORK=$REPO/.bindings
mkdir -p "$WORK"
CDK=$REPO/node_modules/.bin/cdk
language=${1:?usage: run.sh python|java|go}

# Runs "$@" with NRG-VGW off; fails unless the run fails and names the check $expect.
expect_sabotage_fails() {
  local expect=$1; shift
  local log=$WORK/sabotage-$language.log
  if NRG_BINDINGS_SABOTAGE=rule-off "$@" >"$log" 2>&1; then
    echo "FAILED: with NRG-VGW off the $language checks still pass: they cannot fail (log: $log)"; exit 1
  fi
  grep -q "$expect" "$log" || { echo "FAILED: with NRG-VGW off, $expect did not fail (log: $log)"; exit 1; }
  echo "$language: with NRG-VGW off, $expect fails, as it must"
}

# Synthesizes the README's quick start with the real cdk CLI: exit 0, the stack's template written.
synth_quick_start() {
  local app=$1 dir=$2
  rm -rf "$dir/cdk.out"
  (cd "$dir" && "$CDK" synth --no-notices --quiet --app "$app" --output cdk.out) >"$WORK/quickstart-$language.log" 2>&1 \
    || { cat "$WORK/quickstart-$language.log"; echo "FAILED: the README's $language quick start does not synthesize"; exit 1; }
  grep -q '"AWS::EC2::VPNGateway"' "$dir/cdk.out/Network.template.json" \
    || { echo "FAILED: the $language quick start wrote no VPC with a VPN gateway"; exit 1; }
  echo "$language: the README's quick start synthesizes with the guard and no finding"
}

case $language in
  python)
    # One fresh virtual environment per aws-cdk-lib release: the peer minimum and the newest on PyPI.
    for release in min current; do
      venv=$WORK/python-$release
      requirements=test/bindings/python/requirements-$release.txt
      marker=$venv/.installed-$(sha1sum "$requirements" | cut -c1-12)
      if [ ! -f "$marker" ]; then
        rm -rf "$venv" && python3 -m venv "$venv"
        "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
        touch "$marker"
      fi
      "$venv/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps dist/python/*.whl
      echo "python ($("$venv/bin/pip" show aws-cdk-lib | grep '^Version')):"
      "$venv/bin/python" -m unittest discover -s test/bindings/python -p 'test_*.py' -v
    done
    expect_sabotage_fails test_leak_is_an_error_on_the_route \
      "$WORK/python-min/bin/python" -m unittest discover -s test/bindings/python -p 'test_*.py' -v
    dir=$WORK/python-quickstart && mkdir -p "$dir"
    node test/bindings/readme-block.js "### Python quick start" python >"$dir/app.py"
    synth_quick_start "$WORK/python-current/bin/python app.py" "$dir"
    ;;
  java)
    project=test/bindings/java
    m2=(-B -q -Dmaven.repo.local="$WORK/m2")
    # The binding is rebuilt as 0.0.0 each time: never take a copy Maven kept from an earlier run.
    rm -rf "$WORK/m2/io/github/cdk-nat-route-guard"
    mkdir -p "$project/src/main/java/com/myorg"
    node test/bindings/readme-block.js "### Java quick start" java >"$project/src/main/java/com/myorg/NetworkApp.java"
    (cd "$project" && mvn "${m2[@]}" test dependency:build-classpath -Dmdep.outputFile=target/classpath.txt)
    echo "java: $(grep -ho 'tests="[0-9]*" errors="[0-9]*" skipped="[0-9]*" failures="[0-9]*"' "$project"/target/surefire-reports/*.xml)"
    expect_sabotage_fails leakIsAnErrorOnTheRoute bash -c "cd $project && mvn ${m2[*]} test"
    synth_quick_start "java -cp $REPO/$project/target/classes:$(cat "$project/target/classpath.txt") com.myorg.NetworkApp" "$project/target"
    ;;
  go)
    (cd test/bindings/go && go test -count=1 -v ./...)
    expect_sabotage_fails TestLeakIsAnErrorOnTheRoute bash -c 'cd test/bindings/go && go test -count=1 ./...'
    ;;
  *) echo "usage: run.sh python|java|go"; exit 2 ;;
esac
