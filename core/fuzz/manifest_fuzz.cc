// libFuzzer target for the configuration parsers of core/manifest: clef.yaml, .sops.yaml,
// .clef-meta.yaml and .clef/policy.yaml. Every input must give a value or an Error with a
// message; nothing may crash, hang or throw. Seed corpus: core/fuzz/corpus/manifest/.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/manifest/clef_meta.h"
#include "core/manifest/manifest.h"
#include "core/manifest/matrix.h"
#include "core/manifest/policy.h"
#include "core/manifest/repo_files.h"
#include "core/manifest/sops_config.h"

namespace {

template <typename T>
void RequireMessageOnError(const clef::Result<T>& result) {
  if (!result.ok() && result.error().message.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using namespace clef::manifest;

  clef::Result<Manifest> manifest = ParseManifest(text);
  RequireMessageOnError(manifest);
  clef::Result<SopsConfig> sops = ParseSopsConfig(text);
  RequireMessageOnError(sops);
  if (manifest.ok()) {
    MemoryFiles files;
    files.Put(CellPath(manifest->file_pattern, manifest->namespaces[0].name,
                       manifest->environments[0].name),
              "x");
    Matrix matrix = BuildMatrix(*manifest, sops.ok() ? &*sops : nullptr, files);
    if (matrix.cells.size() != manifest->namespaces.size() * manifest->environments.size()) {
      std::abort();
    }
  }
  if (sops.ok()) {
    (void)sops->RuleFor("secrets/app/dev.enc.yaml");
  }
  RequireMessageOnError(ParseClefMeta(text, "a.clef-meta.yaml"));
  RequireMessageOnError(ParsePolicy(text));
  return 0;
}
