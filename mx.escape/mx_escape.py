"""mx extension of the escape suite (see suite.py).

- Defaults `--jmods-dir NO_JMODS` when the JDK has no jmods directory (Temurin 25 has none).
- Defaults BUILD_TARGETS to this suite's distributions when escape is the primary suite: a plain
  `mx build` would also build mx's own native ninja toolchains, whose download host
  (lafo.ssw.uni-linz.ac.at) is not reachable from every machine.
- Registers the "escape-tests" unittest config used by ESCAPE_TEST:
  * library mode needs Graal as a JVMCI compiler in the test VM: Graal comes from
    --upgrade-module-path (never the class path: "No provider of LibGraalSupport"), and its
    packages and JVMCI's are exported to the unnamed module the tests live in;
  * the tests are JUnit 5 (Jupiter). mx's own runner (MxJUnitWrapper) drives JUnit 4 only, so the
    config swaps it for the JUnit Platform console launcher and translates mx's selection of
    test classes into its options.
  mx runs tests with -ea -esa. Unlike Surefire's enableAssertions, -ea also reaches Graal (an
  upgraded module, defined to the platform class loader), so Graal's own assertions are on;
  `mx unittest -da:jdk.graal.compiler...` turns them off as under Maven.
"""

import argparse
import os
import zipfile

import mx
import mx_unittest

_suite = mx.suite('escape')

# Graal as a library: the four jars Maven puts in build/lib/graal, same order as the launcher.
_GRAAL_LIBRARIES = ['GRAAL_COMPILER', 'GRAAL_WORD', 'GRAAL_COLLECTIONS', 'GRAAL_TRUFFLE_COMPILER']

_JVMCI_PACKAGES = ['jdk.vm.ci.meta', 'jdk.vm.ci.code', 'jdk.vm.ci.code.site', 'jdk.vm.ci.runtime',
                   'jdk.vm.ci.hotspot', 'jdk.vm.ci.common', 'jdk.vm.ci.services']

# mx finds test classes by method annotations named like these (unqualified, so Jupiter's @Test
# counts); a class whose tests are all @ParameterizedTest is invisible to that search.
_MX_TEST_ANNOTATIONS = ['@Theory', '@Test', '@Parameters']

_MX_JUNIT_WRAPPER = 'com.oracle.mxtool.junit.MxJUnitWrapper'
_CONSOLE_LAUNCHER = 'org.junit.platform.console.ConsoleLauncher'


# Everything `mx build` builds by default (projects and libraries come with them).
_DISTRIBUTIONS = ['ESCAPE_LAUNCHER', 'ESCAPE_COMPILER', 'ESCAPE_DEMO', 'ESCAPE_LANG', 'ESCAPE_TEST']


def mx_post_parse_cmd_line(opts):
    if mx.primary_suite() is _suite and not os.environ.get('BUILD_TARGETS') and not os.environ.get('BUILD_ONLY'):
        os.environ['BUILD_TARGETS'] = ','.join(_DISTRIBUTIONS)
    # mx passes JAVA_HOME/jmods to javac for module-info compilation; a JDK without jmods
    # (Temurin 25) makes that abort unless told NO_JMODS.
    if not opts.jmods_dir:
        java_home = getattr(opts, 'java_home', None) or os.environ.get('JAVA_HOME')
        if not java_home or not os.path.isdir(os.path.join(java_home, 'jmods')):
            opts.jmods_dir = 'NO_JMODS'


def _graal_jars():
    return [mx.library(name).get_path(resolve=True) for name in _GRAAL_LIBRARIES]


def _graal_packages(compiler_jar):
    """Every package of Graal's compiler jar (all are qualified exports of jdk.graal.compiler)."""
    packages = set()
    with zipfile.ZipFile(compiler_jar) as jar:
        for entry in jar.namelist():
            if entry.endswith('.class') and '/' in entry and not entry.startswith('META-INF/'):
                packages.add(entry.rsplit('/', 1)[0].replace('/', '.'))
    return sorted(packages)


def _without_graal_on_class_path(vm_args, graal_jars):
    """Drops Graal's jars from -cp if anything put them there (Graal refuses to run from it)."""
    graal = {os.path.realpath(j) for j in graal_jars}
    result = []
    it = iter(vm_args)
    for arg in it:
        if arg in ('-cp', '-classpath', '--class-path'):
            entries = next(it).split(os.pathsep)
            result += [arg, os.pathsep.join(e for e in entries if os.path.realpath(e) not in graal)]
        else:
            result.append(arg)
    return result


def _library_mode_vm_args():
    graal_jars = _graal_jars()
    args = ['-XX:+UnlockExperimentalVMOptions', '-XX:+EnableJVMCI',
            '--upgrade-module-path=' + os.pathsep.join(graal_jars)]
    args += ['--add-exports=jdk.graal.compiler/' + p + '=ALL-UNNAMED' for p in _graal_packages(graal_jars[0])]
    args += ['--add-exports=jdk.internal.vm.ci/' + p + '=ALL-UNNAMED' for p in _JVMCI_PACKAGES]
    # As Surefire's argLine and systemPropertyVariables in src/dev.escape.test/pom.xml.
    args += ['-Xss4m', '-XX:+UseSerialGC', '-Descape.root=' + _suite.dir]
    return graal_jars, args


def _read_selection(main_class_args):
    """Splits MxJUnitWrapper's arguments into its -JUnit* options and the selected tests."""
    options, tests = [], []
    for arg in main_class_args:
        if arg.startswith('-JUnit'):
            options.append(arg)
        elif arg.startswith('@'):
            with open(arg[1:]) as fp:
                tests += [line.strip() for line in fp if line.strip()]
        elif options and options[-1] in ('-JUnitJsonResults', '-JUnitMaxClassFailures', '-JUnitMaxTestTime',
                                          '-JUnitRepeat', '-JUnitOpenPackages', '-JUnitRecordPassed', '-JUnitRecordFailed'):
            options[-1] += '=' + arg  # the value of the option before
        else:
            tests.append(arg)
    return options, tests


def _all_mx_candidates(test_dist):
    jdk = mx.get_jdk()
    candidates = mx_unittest.find_test_candidates(_MX_TEST_ANNOTATIONS, _suite, jdk)
    return {c for c, d in candidates.items() if d == test_dist}


# `mx unittest --jupiter-include=REGEX`: mx aborts on a filter that names no class it found
# ("no tests matched by substring: LibraryModeTest"), so classes it cannot see are selected here:
# JUnit runs only test classes whose qualified name contains a match of REGEX.
_jupiter_include = []


class _JupiterInclude(argparse.Action):
    def __call__(self, parser, namespace, values, option_string=None):
        _jupiter_include.append(values)


mx_unittest.add_unittest_argument('--jupiter-include', action=_JupiterInclude, metavar='<regex>',
                                  help='(escape suite, JUnit 5) run only test classes whose qualified name contains a match of <regex>')


class EscapeTestsConfig(mx_unittest.MxUnittestConfig):
    """Library-mode JVM flags, and the JUnit Platform instead of mx's JUnit 4 runner."""

    def __init__(self):
        super().__init__('escape-tests')

    def processDeps(self, deps):
        # The console launcher and the Jupiter engine join the test class path.
        console = mx.library('JUNIT_PLATFORM_CONSOLE')
        if isinstance(deps, set):
            deps.add(console)
        elif console not in deps:
            deps.append(console)

    def apply(self, config):
        vm_args, main_class, main_class_args = config
        graal_jars, library_mode = _library_mode_vm_args()
        vm_args = _without_graal_on_class_path(vm_args, graal_jars) + library_mode
        if main_class != _MX_JUNIT_WRAPPER:
            return vm_args, main_class, main_class_args  # someone else's runner: leave it alone

        options, tests = _read_selection(main_class_args)
        details = 'tree'
        launcher_args = ['execute', '--disable-banner', '--fail-if-no-tests']
        for option in options:
            if option in ('-JUnitVerbose', '-JUnitVeryVerbose'):
                details = 'verbose'
            elif option == '-JUnitColor':
                pass
            elif option in ('-JUnitEnableTiming', '-JUnitEagerStackTrace'):
                pass  # always added by mx; the console launcher prints timings and stack traces itself
            else:
                mx.warn('escape-tests: mx unittest option ' + option + ' is not supported with JUnit 5; ignored')
        if '-JUnitColor' not in options:
            launcher_args.append('--disable-ansi-colors')
        launcher_args.append('--details=' + details)

        test_dist = mx.distribution('ESCAPE_TEST')
        if len(tests) == 1 and '#' in tests[0]:
            launcher_args.append('--select-method=' + tests[0])
        elif set(tests) >= _all_mx_candidates(test_dist):
            # No filter: let JUnit discover every test in the jar, including classes mx's
            # annotation search misses (only @ParameterizedTest, @RepeatedTest, @TestFactory...).
            launcher_args.append('--scan-classpath=' + test_dist.classpath_repr())
            if not _jupiter_include:
                launcher_args.append('--include-classname=.*')  # not only JUnit's default *Test(s)
        else:
            launcher_args += ['--select-class=' + t for t in tests]
        launcher_args += ['--include-classname=.*(?:' + r + ').*' for r in _jupiter_include]
        return vm_args, _CONSOLE_LAUNCHER, launcher_args


mx_unittest.register_unittest_config(EscapeTestsConfig())
