# The mx view of escape: the same sources as the Maven build (pom.xml), in mx's layout
# src/<project>/src/<package dirs>. Keep versions and digests in step with pom.xml.
#
#   export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 MX_PYTHON=python3
#   mx build && mx unittest          (or: ci/check-mx.sh)
#
# Behaviour that cannot be data (JDK without jmods, the unittest config that puts Graal on
# the upgrade module path and runs the JUnit 5 tests) lives in mx_escape.py.
suite = {
    "name": "escape",
    "mxversion": "7.84.1",

    "defaultLicense": "UPL",
    "licenses": {
        "UPL": {
            "name": "Universal Permissive License, Version 1.0",
            "url": "http://opensource.org/licenses/UPL",
        },
        "GPLv2-CPE": {
            "name": "GNU General Public License, version 2, with the Classpath Exception",
            "url": "http://openjdk.java.net/legal/gplv2+ce.html",
        },
        "EPL-2.0": {
            "name": "Eclipse Public License 2.0",
            "url": "https://opensource.org/licenses/EPL-2.0",
        },
        "Apache-2.0": {
            "name": "Apache License 2.0",
            "url": "https://opensource.org/licenses/Apache-2.0",
        },
    },

    "libraries": {
        # Graal 25.0.3 from Maven Central (pom.xml: graal.version). Newer Graal needs a newer
        # JVMCI than stock JDK 25.0.3. Digests: sha512sum of the jars Maven downloaded.
        "GRAAL_COMPILER": {
            "maven": {"groupId": "org.graalvm.compiler", "artifactId": "compiler", "version": "25.0.3"},
            "digest": "sha512:160ffaf61a2695f07dd317dccecc303729ed9d453d1f62f576dd5245ef8bacf07adc683051696d2e5fa28d288aa3fbc7482323e9048acf85438228326ae83028",
            "dependencies": ["GRAAL_WORD", "GRAAL_COLLECTIONS", "GRAAL_TRUFFLE_COMPILER"],
            "license": "GPLv2-CPE",
        },
        "GRAAL_WORD": {
            "maven": {"groupId": "org.graalvm.sdk", "artifactId": "word", "version": "25.0.3"},
            "digest": "sha512:88f35548b691d621d34fffe95d5ef8457149e2ed6abb06fbc0e06610d6f7e4c6eca237e6c1ba934e8b2db2c892e4f13d7b6461f0ade85ab7af3876284889df8b",
            "license": "UPL",
        },
        "GRAAL_COLLECTIONS": {
            "maven": {"groupId": "org.graalvm.sdk", "artifactId": "collections", "version": "25.0.3"},
            "digest": "sha512:e5129a0734ea720a031d9b154971d6fc646502c96ec14e5c41dcf898a923aed1df34065d9ff60e44b5d8dc312c9ca5f837e5969fd0743bde59c12ac051ae9ad9",
            "license": "UPL",
        },
        "GRAAL_TRUFFLE_COMPILER": {
            "maven": {"groupId": "org.graalvm.truffle", "artifactId": "truffle-compiler", "version": "25.0.3"},
            "digest": "sha512:f38db5f3a3fabe19e600d4cd8f3bd050a033615d8120a2d3c11ad5d118bd5cc68e444c0f36fabecfe2d66aec3dfc7c471e9163cb29dc37c3dc3869e7836264f2",
            "license": "UPL",
        },

        # The Truffle API and the polyglot API, same version as Graal: what esl (dev.escape.lang)
        # compiles against. At run time they come from build/graaljs-classpath with the Truffle
        # runtime; the tests run esl in Truffle's interpreter with them (no truffle-runtime).
        "TRUFFLE_API": {
            "maven": {"groupId": "org.graalvm.truffle", "artifactId": "truffle-api", "version": "25.0.3"},
            "digest": "sha512:47eb3640c45df0b4d406ca17e2a75c4184147163e7ee9e40c6dafde078953ce50e18c6778c014887e997111d731a48a832684e313f930eec0e70a9ada3a8ea94",
            "dependencies": ["POLYGLOT", "GRAAL_COLLECTIONS", "GRAAL_NATIVEIMAGE"],
            "license": "UPL",
        },
        "POLYGLOT": {
            "maven": {"groupId": "org.graalvm.polyglot", "artifactId": "polyglot", "version": "25.0.3"},
            "digest": "sha512:0657b3a2a10165ec58f238ff3e3e00c266378151b7bed6d2517be51ab8dbcba6aea6a2f70cb666e71f779c7d8ed54c70869bfeea91eea820abf419a47d854021",
            "dependencies": ["GRAAL_COLLECTIONS", "GRAAL_NATIVEIMAGE"],
            "license": "UPL",
        },
        "GRAAL_NATIVEIMAGE": {
            "maven": {"groupId": "org.graalvm.sdk", "artifactId": "nativeimage", "version": "25.0.3"},
            "digest": "sha512:e79d084c28ec354ef180575d06eaeae1af7a0926adede2fe775c0769ff4b23ca4b6c43d3af3774317c3245e723cec17070b200eb2a4562e7a8d8714266e66382",
            "dependencies": ["GRAAL_WORD"],
            "license": "UPL",
        },

        # JUnit 5.14.1 (pom.xml: junit.version); platform artifacts are 1.14.1.
        "JUNIT_JUPITER_API": {
            "maven": {"groupId": "org.junit.jupiter", "artifactId": "junit-jupiter-api", "version": "5.14.1"},
            "digest": "sha512:1347a3d7015cf06a9a38c37b6f35d54face4968a3a50ef390a7d3407fd5a7f32b134d876b8674c27a7f45b087bff0c825ff47db21db69421a6cfc70531a4da19",
            "dependencies": ["JUNIT_PLATFORM_COMMONS", "OPENTEST4J", "APIGUARDIAN_API"],
            "license": "EPL-2.0",
        },
        "JUNIT_JUPITER_PARAMS": {
            "maven": {"groupId": "org.junit.jupiter", "artifactId": "junit-jupiter-params", "version": "5.14.1"},
            "digest": "sha512:07f39b06ee1d5ef026e0118e354a334352eaa3c6011a8c9d13cf90209663ced4c02c098b2981734ebc6c4c93d638d1b5e39f1076fb7722ae99451bf08811fe0f",
            "dependencies": ["JUNIT_JUPITER_API"],
            "license": "EPL-2.0",
        },
        "JUNIT_JUPITER_ENGINE": {
            "maven": {"groupId": "org.junit.jupiter", "artifactId": "junit-jupiter-engine", "version": "5.14.1"},
            "digest": "sha512:0e891c3fc3b9750a389048dc7c96759e28bd57ed5b0c10a92af90fac041387acc5d9bf6fdbcb09440a815a597d909ff108f0f7567c7b00379314213ba51013b4",
            "dependencies": ["JUNIT_JUPITER_API", "JUNIT_PLATFORM_ENGINE"],
            "license": "EPL-2.0",
        },
        "JUNIT_PLATFORM_COMMONS": {
            "maven": {"groupId": "org.junit.platform", "artifactId": "junit-platform-commons", "version": "1.14.1"},
            "digest": "sha512:528fa274d3b023cc71af4b1f7885226507c31215967793ff1a7f31a968a49e7bd4186ecda956df9f27c26763e134a309bfad6f573574bf32a2b0bbba11c128ed",
            "dependencies": ["APIGUARDIAN_API"],
            "license": "EPL-2.0",
        },
        "JUNIT_PLATFORM_ENGINE": {
            "maven": {"groupId": "org.junit.platform", "artifactId": "junit-platform-engine", "version": "1.14.1"},
            "digest": "sha512:8b0e627fb887a5f97b276689ddcbcc1ee7cae232a17a9b14ee9ede516b3488b4ef95168078808113ccf3737947709b295565d5de738491b181cbca717bd0af5f",
            "dependencies": ["JUNIT_PLATFORM_COMMONS", "OPENTEST4J"],
            "license": "EPL-2.0",
        },
        "JUNIT_PLATFORM_LAUNCHER": {
            "maven": {"groupId": "org.junit.platform", "artifactId": "junit-platform-launcher", "version": "1.14.1"},
            "digest": "sha512:51cc825a9e2207fd3d9a33b412d3cce19e0b56dd530cc9306766d09903860aa62018c55ad8068ab2ee710ad4daa080ae5663a575cbae5598e1b9321a092c9ee6",
            "dependencies": ["JUNIT_PLATFORM_ENGINE"],
            "license": "EPL-2.0",
        },
        "JUNIT_PLATFORM_REPORTING": {
            "maven": {"groupId": "org.junit.platform", "artifactId": "junit-platform-reporting", "version": "1.14.1"},
            "digest": "sha512:a557c4a67378c49cb369d62abc1e843d8a7b301f8302d8d2f99a4ea79846b793eb6ef1cb51f93b0843b266f8570e84bc78c6d836bb08312e1119e51b855027b0",
            "dependencies": ["JUNIT_PLATFORM_LAUNCHER"],
            "license": "EPL-2.0",
        },
        # The JUnit Platform console launcher: mx's own test runner (MxJUnitWrapper) is JUnit 4
        # only, so the "escape-tests" unittest config (mx_escape.py) runs the tests with this.
        "JUNIT_PLATFORM_CONSOLE": {
            "maven": {"groupId": "org.junit.platform", "artifactId": "junit-platform-console", "version": "1.14.1"},
            "digest": "sha512:c3918b0d7a8905a97d944c84ad67f461ef3c71942a8585c7b4dc8898ff36a931d378dee6d3e69637d609508db203315ba42696eaa3823b431dc84e10b618d412",
            "dependencies": ["JUNIT_PLATFORM_REPORTING", "JUNIT_JUPITER_ENGINE"],
            "license": "EPL-2.0",
        },
        # Jackson 2.22.3 (pom.xml: jackson.version): the tests read escape's JSON reports with it.
        "JACKSON_DATABIND": {
            "maven": {"groupId": "com.fasterxml.jackson.core", "artifactId": "jackson-databind", "version": "2.22.3"},
            "digest": "sha512:2c94560ef0f01f7dd12ae0810dbcfaf80fddd889bc25f597350fb75a0fcc266fa68f5795a773f772692426ac81a6ee65ed2bde8db8184bb2788323bc95ef7ebe",
            "dependencies": ["JACKSON_CORE", "JACKSON_ANNOTATIONS"],
            "license": "Apache-2.0",
        },
        "JACKSON_CORE": {
            "maven": {"groupId": "com.fasterxml.jackson.core", "artifactId": "jackson-core", "version": "2.22.3"},
            "digest": "sha512:8d5984961b37f9570d0581a74f005442fe37c46c601ee0fe63e3695f967bd7598dd268cfb33509a289ff472385cedd99396660e31d7cb873d1e7ffff676912e8",
            "license": "Apache-2.0",
        },
        # Since 2.20 jackson-annotations has two-part versions.
        "JACKSON_ANNOTATIONS": {
            "maven": {"groupId": "com.fasterxml.jackson.core", "artifactId": "jackson-annotations", "version": "2.22"},
            "digest": "sha512:63b597ec02b4e31c57266d9b96f05f301f217bc12ffb7ba046a5658d2829728930a559947b98eb6c3cc448413a96b4939427aa669ae1e2dc3597ab5d5d287f9f",
            "license": "Apache-2.0",
        },
        "OPENTEST4J": {
            "maven": {"groupId": "org.opentest4j", "artifactId": "opentest4j", "version": "1.3.0"},
            "digest": "sha512:78fc698a7871bb50305e3657893c10500595f043348d875f57bc39ca4a6a51eda3967b7c8c8a7ec3e8f85f2171bca4aa98823e912e416e87e81c6ba5b70a37c3",
            "license": "Apache-2.0",
        },
        "APIGUARDIAN_API": {
            "maven": {"groupId": "org.apiguardian", "artifactId": "apiguardian-api", "version": "1.1.2"},
            "digest": "sha512:d7ccd0e7019f1a997de39d66dc0ad4efe150428fdd7f4c743c93884f1602a3e90135ad34baea96d5b6d925ad6c0c8487c8e78304f0a089a12383d4a62e2c9a61",
            "license": "Apache-2.0",
        },
    },

    "projects": {
        # Turns `escape java` options into JVM flags. Plain Java, no Graal.
        "dev.escape.launcher": {
            "subDir": "src",
            "sourceDirs": ["src"],
            "javaCompliance": "25+",
        },

        # The `escape` compiler configuration and its decision log. Graal is compile-only here
        # (Maven: scope provided): at run time it comes from --upgrade-module-path, never from the
        # class path, and it must not be copied into ESCAPE_COMPILER's jar. mx's buildDependencies
        # are on javac's class path but neither archived nor on the run-time class path.
        # jdk.graal.compiler needs no requiresConcealed: the JDK's module of that name is an empty
        # placeholder, javac sees Graal's packages in the jars on the class path.
        "dev.escape.compiler": {
            "subDir": "src",
            "sourceDirs": ["src"],  # also holds META-INF/services/..., copied into the jar
            "buildDependencies": ["GRAAL_COMPILER"],
            "requires": ["jdk.internal.vm.ci"],
            "requiresConcealed": {
                "jdk.internal.vm.ci": [
                    "jdk.vm.ci.meta",
                    "jdk.vm.ci.code",
                    "jdk.vm.ci.code.site",
                    "jdk.vm.ci.runtime",
                    "jdk.vm.ci.hotspot",
                    "jdk.vm.ci.common",
                ],
            },
            "javaCompliance": "25+",
        },

        # The demo program `./escape demo` runs.
        "dev.escape.demo": {
            "subDir": "src",
            "sourceDirs": ["src"],
            "javaCompliance": "25+",
        },

        # esl, the in-tree Truffle language (hand-written nodes: no annotation processor).
        "dev.escape.lang": {
            "subDir": "src",
            "sourceDirs": ["src"],  # also holds META-INF/services/...TruffleLanguageProvider
            "dependencies": ["TRUFFLE_API"],
            # EslMain counts the bytes a thread allocates (com.sun.management.ThreadMXBean).
            "requires": ["java.management", "jdk.management"],
            "javaCompliance": "25+",
        },

        # JUnit 5 tests: library mode (Graal compiles one method in-process) and JIT mode
        # (child JVMs through ./escape). Graal is compile-only, as for the compiler project.
        "dev.escape.test": {
            "subDir": "src",
            "sourceDirs": ["src"],
            "dependencies": [
                "dev.escape.compiler",
                "dev.escape.launcher",
                "dev.escape.demo",
                "dev.escape.lang",
                "JUNIT_JUPITER_API",
                "JUNIT_JUPITER_PARAMS",
                "JACKSON_DATABIND",
            ],
            "buildDependencies": ["GRAAL_COMPILER"],
            # java.xml parses the HTML report, java.desktop (ImageIO) reads its rendered PNG,
            # java.compiler compiles a test program, java.management times compilations.
            "requires": ["jdk.internal.vm.ci", "java.xml", "java.desktop", "java.compiler", "java.management", "jdk.management"],
            "requiresConcealed": {
                "jdk.internal.vm.ci": [
                    "jdk.vm.ci.meta",
                    "jdk.vm.ci.code",
                    "jdk.vm.ci.code.site",
                    "jdk.vm.ci.runtime",
                    "jdk.vm.ci.hotspot",
                    "jdk.vm.ci.common",
                ],
            },
            "javaCompliance": "25+",
            "testProject": True,
        },
    },

    "distributions": {
        # Same jars as Maven's build/lib/escape-*.jar (mx puts them in mxbuild/dists/).
        "ESCAPE_LAUNCHER": {
            "dependencies": ["dev.escape.launcher"],
        },
        # An automatic module (no module-info), as Graal loads configurations only from named modules.
        "ESCAPE_COMPILER": {
            "dependencies": ["dev.escape.compiler"],
            "manifestEntries": {"Automatic-Module-Name": "dev.escape.compiler"},
        },
        "ESCAPE_DEMO": {
            "dependencies": ["dev.escape.demo"],
        },
        # Truffle and the polyglot API stay class path entries of their own, as under Maven.
        "ESCAPE_LANG": {
            "dependencies": ["dev.escape.lang"],
            "exclude": ["TRUFFLE_API", "POLYGLOT", "GRAAL_COLLECTIONS", "GRAAL_NATIVEIMAGE", "GRAAL_WORD"],
        },
        "ESCAPE_TEST": {
            "dependencies": ["dev.escape.test"],
            "distDependencies": ["ESCAPE_COMPILER", "ESCAPE_LAUNCHER", "ESCAPE_DEMO", "ESCAPE_LANG"],
            # JUnit and Jackson are not copied into the test jar; they stay class path entries of their own.
            "exclude": ["JUNIT_JUPITER_API", "JUNIT_JUPITER_PARAMS", "JACKSON_DATABIND"],
            "testDistribution": True,
            "unittestConfig": "escape-tests",  # registered in mx_escape.py
        },
    },
}
