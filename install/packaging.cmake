# Debian package of every clef-git tool: `cpack -G DEB` in the build folder (or
# `cmake --build build --target package`). The tools land in /usr/bin through the install()
# rules clef_tool() adds; this file only describes the package. Dependencies are the Debian 12
# runtime libraries the tools link, plus git, which they drive.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "clef-git")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_VENDOR "clef-git")
set(CPACK_PACKAGE_CONTACT "clef-git maintainers <clef-git@example.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "git integration for SOPS-encrypted secrets repositories (Clef and plain SOPS)")
set(CPACK_PACKAGE_DESCRIPTION "Merge driver, diff textconv, content filter, pre-commit lint, secret scanner and recipient guard that make git safe for repositories of SOPS-encrypted secrets. `clef install` wires them into a repository; `clef doctor` checks the set-up.")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "devel")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libgit2-1.5, libmbedcrypto7, libyaml-cpp0.7, libsodium23, libre2-9, libssl3, libc6, libstdc++6, git")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "age, gnupg")
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.invalid/clef-git")
# Only the tools: no headers or static libraries.
set(CPACK_STRIP_FILES ON)
include(CPack)
