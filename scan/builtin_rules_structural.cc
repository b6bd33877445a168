// Built-in rules, part 3: formats defined by structure rather than a vendor prefix: private
// keys (PEM, OpenSSH, PGP, PuTTY), JWTs, connection strings with credentials, and generic
// credential assignments in code and configuration (passwords with punctuation included).
// These come last: when a generic rule overlaps a specific one, the specific one is reported.
#include "scan/builtin_rules_parts.h"

namespace clef::scan {
namespace {

Rule PrivateKey(const char* id, const char* desc, const char* kind) {
  // The body must have some substance (a header alone, e.g. in documentation, is no key).
  std::string re = std::string("(-----BEGIN ") + kind + "PRIVATE KEY(?: BLOCK)?-----" +
                   R"([\s\S]{40,}?-----END )" + kind + "PRIVATE KEY(?: BLOCK)?-----)";
  return Rule{id, desc, KW("private key"), re, 1, 0, Checksum::kNone, 16384, false};
}

// `scheme://user:password@host`; the password is the secret.
Rule UrlCredential(const char* id, const char* desc, std::vector<std::string> keywords,
                   const char* schemes) {
  std::string re = std::string(R"((?i)\b(?:)") + schemes +
                   R"()://[^\s:@/"'\x60<>]{0,64}:([^\s@/"'\x60<>]{3,128})@[A-Za-z0-9_.\[\]-]+)";
  return Rule{id, desc, std::move(keywords), re, 1, 0, Checksum::kNone, 512, true};
}

// `<name mentioning the keyword> = <value>` in code or config. The value may be double-,
// single- or back-quoted (any punctuation inside) or bare (up to whitespace, quote, comma).
std::string Assignment(const char* names, const char* bare_charset) {
  return std::string(R"((?i)(?:^|[^A-Za-z0-9])[\w.-]{0,40}(?:)") + names +
         R"()[\w.-]{0,20}["']?\s*(?:=|:=|=>|\?=|:\s|:"|:'|:\x60|\|\|=)\s*)" +
         R"x((?:"([^"\r\n]{4,200})"|'([^'\r\n]{4,200})'|\x60([^\x60\r\n]{4,200})\x60|()x" +
         bare_charset + R"({4,200})))";
}

}  // namespace

void AddStructuralRules(std::vector<Rule>& r) {
  // --- Private keys ---
  r.push_back(PrivateKey("rsa-private-key", "RSA private key (PEM)", "RSA "));
  r.push_back(PrivateKey("ec-private-key", "EC private key (PEM)", "EC "));
  r.push_back(PrivateKey("dsa-private-key", "DSA private key (PEM)", "DSA "));
  r.push_back(PrivateKey("openssh-private-key", "OpenSSH private key", "OPENSSH "));
  r.push_back(PrivateKey("encrypted-private-key", "Encrypted PKCS#8 private key (PEM)", "ENCRYPTED "));
  r.push_back(PrivateKey("pgp-private-key", "PGP private key block", "PGP "));
  r.push_back(PrivateKey("pkcs8-private-key", "PKCS#8 private key (PEM)", ""));
  r.push_back(PrivateKey("private-key", "Private key (PEM, other kinds)", "[A-Z0-9_ -]{0,40}"));
  r.push_back(Rule{"ssh2-encrypted-private-key", "SSH2 (RFC 4716) encrypted private key", KW("begin ssh2 encrypted private key"),
                   R"((---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----[\s\S]{40,}?---- END SSH2 ENCRYPTED PRIVATE KEY ----))", 1, 0,
                   Checksum::kNone, 16384, false});
  r.push_back(Rule{"putty-private-key", "PuTTY private key file", KW("putty-user-key-file-"),
                   R"((PuTTY-User-Key-File-\d: [\s\S]{20,}?Private-Lines: \d+[\s\S]{40,}?Private-MAC: [0-9a-f]{40,64}))", 1, 0,
                   Checksum::kNone, 16384, false});

  // --- JSON Web Tokens ---
  r.push_back(Rule{"jwt", "JSON Web Token", KW("eyj"),
                   R"(\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}))" R"((?:[^A-Za-z0-9_.-]|$))", 1, 3,
                   Checksum::kJwt, 4096, false});

  // --- Connection strings with credentials ---
  r.push_back(UrlCredential("postgres-connection-string", "PostgreSQL connection URL with a password",
                            KW("postgres"), "postgres|postgresql|postgis|cockroachdb|timescale"));
  r.push_back(UrlCredential("mysql-connection-string", "MySQL / MariaDB connection URL with a password",
                            KW("mysql", "mariadb"), "mysql|mysql2|mysqlx|mariadb"));
  r.push_back(UrlCredential("mongodb-connection-string", "MongoDB connection URL with a password",
                            KW("mongodb"), R"(mongodb|mongodb\+srv)"));
  r.push_back(UrlCredential("redis-connection-string", "Redis connection URL with a password",
                            KW("redis"), "redis|rediss|valkey"));
  r.push_back(UrlCredential("amqp-connection-string", "AMQP (RabbitMQ) connection URL with a password",
                            KW("amqp"), "amqp|amqps"));
  r.push_back(UrlCredential("sqlserver-connection-string", "SQL Server connection URL with a password",
                            KW("sqlserver", "mssql"), "sqlserver|mssql"));
  r.push_back(UrlCredential("ldap-connection-string", "LDAP URL with a password", KW("ldap"), "ldap|ldaps"));
  r.push_back(UrlCredential("smtp-connection-string", "SMTP URL with a password", KW("smtp"), "smtp|smtps|submission"));
  r.push_back(UrlCredential("ftp-connection-string", "FTP / SFTP URL with a password", KW("ftp"), "ftp|ftps|sftp"));
  r.push_back(UrlCredential("url-credentials", "URL with an embedded password", KW("://"), "[a-z][a-z0-9+.-]{1,20}"));
  r.push_back(Rule{"jdbc-password", "JDBC URL with a password parameter", KW("jdbc:"),
                   R"((?i)jdbc:[a-z0-9]+:[^\s"'\x60<>]*?[?;&]password=([^\s&;"'\x60<>]{3,128}))", 1, 0, Checksum::kNone, 512, true});
  r.push_back(Rule{"dotnet-connection-string", "ADO.NET / ODBC connection string with a password",
                   KW("password=", "pwd="),
                   R"((?i)(?:server|data source|host|addr|address)\s*=[^;"'\r\n]{1,200};[^"'\r\n]{0,300}?\b(?:password|pwd)\s*=\s*([^;"'\s]{3,128}))",
                   1, 0, Checksum::kNone, 512, true});
  r.push_back(Rule{"kafka-jaas-password", "Kafka SASL JAAS configuration with a password", KW("loginmodule"),
                   R"x((?i)(?:PlainLoginModule|ScramLoginModule)[^;]{0,300}?password\s*=\s*"([^"]{3,128})")x", 1, 0,
                   Checksum::kNone, 512, true});
  r.push_back(Rule{"basic-auth-header", "HTTP Basic authorization header", KW("basic "),
                   R"((?i)authorization["']?\s*[:=]\s*["']?basic\s+([A-Za-z0-9+/]{12,200}={0,2}))", 1, 2.5,
                   Checksum::kNone, 512, false});
  r.push_back(Rule{"bearer-token", "HTTP Bearer authorization header", KW("bearer "),
                   R"((?i)authorization["']?\s*[:=]\s*["']?bearer\s+([A-Za-z0-9._~+/-]{20,500}=*))", 1, 3.5,
                   Checksum::kNone, 512, true});

  // --- Generic credential assignments ---
  r.push_back(Rule{"generic-password", "Password assigned in code or configuration",
                   KW("password", "passwd", "passphrase", "pwd", "_pass", "-pass", ".pass"),
                   Assignment("password|passwd|passphrase|pwd|_pass|-pass|\\.pass", R"([^\s"'\x60,;<>()\[\]{}])"),
                   1, 2.5, Checksum::kNone, 512, true});
  r.push_back(Rule{"generic-secret", "Secret, token or API key assigned in code or configuration",
                   KW("secret", "token", "api_key", "apikey", "api-key", "access_key", "accesskey", "private_key",
                      "privatekey", "client_secret", "auth_key", "credential", "signing_key", "encryption_key",
                      "master_key", "session_key"),
                   Assignment("secret|token|api_?key|apikey|api-key|access_?key|private_?key|auth_?key|credentials?|"
                              "signing_?key|encryption_?key|master_?key|session_?key",
                              R"([A-Za-z0-9_.+/=~!@#$%^&*-])"),
                   1, 3.5, Checksum::kNone, 512, true});
}

const std::vector<Rule>& BuiltinRules() {
  static const std::vector<Rule> rules = [] {
    std::vector<Rule> all;
    AddTokenRules(all);
    AddServiceRules(all);
    AddStructuralRules(all);
    return all;
  }();
  return rules;
}

}  // namespace clef::scan
