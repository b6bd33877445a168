// Values that look like secrets but are not: placeholders, references to secrets kept
// elsewhere, encrypted values, public material and content hashes. Shared by the rules (for
// assignment-style matches) and by the entropy detector.
#pragma once

#include <string_view>

namespace clef::scan {

// "changeme", "xxxxxxxx", "<your-api-key>", "your_token_here", "********", "AKIA...EXAMPLE",
// "dummy", "redacted", sequences like "abcdef"/"123456", a single repeated character.
bool IsPlaceholder(std::string_view value);

// A reference to a value kept elsewhere, not the value: ${VAR}, $VAR, {{ .Values.x }},
// %(name)s, os.environ[...], process.env.X, getenv(...), secrets.X, vault:..., a function call.
bool IsReference(std::string_view value);

// A bare identifier or member access (`config.password`, `self.token`, `None`, `true`): in
// code, an unquoted right-hand side like this is an expression, not a literal.
bool IsIdentifierExpression(std::string_view value);

// Content that is never a secret even when random-looking: sops ENC[...] values, age
// recipients, SSH/PGP public keys, integrity hashes (sha512-...), go.sum h1: hashes,
// data: URIs, bcrypt/argon2 password hashes.
bool IsKnownNonSecret(std::string_view value);

// Lock files and other generated dependency manifests (by base name).
bool IsLockFile(std::string_view path);

// Names whose values are identifiers or digests, not secrets (id, hash, sha256, integrity...).
bool IsNonSecretName(std::string_view name);

// Names that say the value is a credential (password, secret, token, key, auth...).
bool IsSecretName(std::string_view name);

// Source code (as opposed to configuration), by extension.
bool IsCodeFile(std::string_view path);

}  // namespace clef::scan
