#include "scan/corpus_support.h"

#include <functional>
#include <random>

#include "scan/checksum.h"

namespace clef::scan::testing {
namespace {

class Gen {
 public:
  explicit Gen(unsigned seed) : rng_(seed) {}
  std::string From(const std::string& alphabet, size_t n) {
    std::uniform_int_distribution<size_t> d(0, alphabet.size() - 1);
    std::string s;
    for (size_t i = 0; i < n; ++i) s += alphabet[d(rng_)];
    return s;
  }
  std::string Alnum(size_t n) { return From("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", n); }
  std::string Upper(size_t n) { return From("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", n); }
  std::string Lower(size_t n) { return From("abcdefghijklmnopqrstuvwxyz0123456789", n); }
  std::string Hex(size_t n) { return From("0123456789abcdef", n); }
  std::string Digits(size_t n) { return From("0123456789", n); }
  std::string B64(size_t n) { return From("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", n); }
  std::string Url(size_t n) { return From("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-", n); }
  std::string Letters(size_t n) { return From("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", n); }
  std::string Uuid() { return Hex(8) + "-" + Hex(4) + "-4" + Hex(3) + "-a" + Hex(3) + "-" + Hex(12); }
  std::string Github(const std::string& prefix) {
    std::string body = Alnum(30);
    return prefix + body + Base62Crc(Crc32(body));
  }
  std::string Password() {
    // Human-chosen-looking passwords with punctuation.
    static const char* kWords[] = {"Orchid", "Falcon", "Mistral", "Quartz", "Tundra", "Velvet", "Harbor", "Copper"};
    std::uniform_int_distribution<int> w(0, 7);
    return std::string(kWords[w(rng_)]) + From("!#%&*?@^~-", 1) + Digits(2) + From("!#%&*?@^~", 1) +
           std::string(kWords[w(rng_)]).substr(0, 4) + Lower(2);
  }
  std::mt19937& rng() { return rng_; }

 private:
  std::mt19937 rng_;
};

struct Format {
  std::string name;
  std::string var;  // variable name to assign it to
  std::function<std::string(Gen&)> make;
};

std::vector<Format> Formats() {
  return {
      {"aws-access-key-id", "aws_access_key_id", [](Gen& g) { return "AKIA" + g.From("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16); }},
      {"aws-secret-access-key", "aws_secret_access_key", [](Gen& g) { return g.B64(40); }},
      {"gcp-api-key", "google_maps_key", [](Gen& g) { return "AIza" + g.Url(35); }},
      {"google-oauth-client-secret", "client_secret", [](Gen& g) { return "GOCSPX-" + g.Url(28); }},
      {"azure-storage-account-key", "storage_conn",
       [](Gen& g) { return "DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=" + g.B64(86) + "==;EndpointSuffix=core.windows.net"; }},
      {"azure-ad-client-secret", "azure_client_secret", [](Gen& g) { return g.Alnum(3) + "8Q~" + g.Url(31); }},
      {"alibaba-access-key-id", "alibaba_key_id", [](Gen& g) { return "LTAI" + g.Alnum(20); }},
      {"digitalocean-pat", "do_token", [](Gen& g) { return "dop_v1_" + g.Hex(64); }},
      {"heroku-api-key", "heroku_key", [](Gen& g) { return "HRKU-AA" + g.Url(58); }},
      {"cloudflare-api-token", "cloudflare_api_token", [](Gen& g) { return g.Url(40); }},
      {"vault-service-token", "vault_token", [](Gen& g) { return "hvs." + g.Url(92); }},
      {"terraform-cloud-token", "tfc_token", [](Gen& g) { return g.Alnum(14) + ".atlasv1." + g.Url(67); }},
      {"pulumi-access-token", "pulumi_token", [](Gen& g) { return "pul-" + g.Hex(40); }},
      {"age-secret-key", "age_identity",
       [](Gen& g) { return "AGE-SECRET-KEY-1" + g.From("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58); }},
      {"tailscale-key", "ts_authkey", [](Gen& g) { return "tskey-auth-" + g.Alnum(12) + "-" + g.Alnum(30); }},
      {"databricks-token", "databricks_token", [](Gen& g) { return "dapi" + g.Hex(32); }},
      {"supabase-pat", "supabase_token", [](Gen& g) { return "sbp_" + g.Hex(40); }},
      {"doppler-token", "doppler_token", [](Gen& g) { return "dp.st." + g.Alnum(43); }},
      {"github-pat", "github_token", [](Gen& g) { return g.Github("ghp_"); }},
      {"github-oauth-token", "gh_oauth", [](Gen& g) { return g.Github("gho_"); }},
      {"github-server-to-server-token", "gh_app_token", [](Gen& g) { return g.Github("ghs_"); }},
      {"github-fine-grained-pat", "gh_pat", [](Gen& g) { return "github_pat_" + g.Alnum(22) + "_" + g.Alnum(59); }},
      {"gitlab-pat", "gitlab_token", [](Gen& g) { return "glpat-" + g.Url(20); }},
      {"gitlab-runner-auth-token", "runner_token", [](Gen& g) { return "glrt-" + g.Url(20); }},
      {"bitbucket-app-password", "bitbucket_app_password", [](Gen& g) { return "ATBB" + g.Alnum(32); }},
      {"atlassian-api-token", "jira_api_token", [](Gen& g) { return "ATATT3" + g.Url(180); }},
      {"circleci-personal-token", "circle_token", [](Gen& g) { return "CCIPAT_" + g.Alnum(22) + "_" + g.Hex(40); }},
      {"buildkite-token", "buildkite_token", [](Gen& g) { return "bkua_" + g.Hex(40); }},
      {"sonarqube-token", "sonar_token", [](Gen& g) { return "squ_" + g.Hex(40); }},
      {"jfrog-api-key", "artifactory_key", [](Gen& g) { return "AKCp" + g.Alnum(69); }},
      {"docker-hub-token", "docker_pat", [](Gen& g) { return "dckr_pat_" + g.Url(27); }},
      {"npm-access-token", "npm_token", [](Gen& g) { return g.Github("npm_"); }},
      {"pypi-upload-token", "pypi_token", [](Gen& g) { return "pypi-AgEIcHlwaS5vcmc" + g.Url(70); }},
      {"rubygems-api-key", "gem_host_api_key", [](Gen& g) { return "rubygems_" + g.Hex(48); }},
      {"nuget-api-key", "nuget_key", [](Gen& g) { return "oy2" + g.Lower(43); }},
      {"slack-bot-token", "slack_bot_token",
       [](Gen& g) { return "xoxb-" + g.Digits(11) + "-" + g.Digits(13) + "-" + g.Alnum(24); }},
      {"slack-user-token", "slack_user_token",
       [](Gen& g) { return "xoxp-" + g.Digits(11) + "-" + g.Digits(11) + "-" + g.Digits(13) + "-" + g.Hex(32); }},
      {"slack-webhook-url", "slack_webhook",
       [](Gen& g) { return "https://hooks.slack.com/services/T" + g.Upper(10) + "/B" + g.Upper(10) + "/" + g.Alnum(24); }},
      {"discord-webhook-url", "discord_webhook",
       [](Gen& g) { return "https://discord.com/api/webhooks/" + g.Digits(18) + "/" + g.Url(68); }},
      {"telegram-bot-token", "telegram_bot_token", [](Gen& g) { return g.Digits(10) + ":AA" + g.Url(33); }},
      {"twilio-api-key", "twilio_api_key", [](Gen& g) { return "SK" + g.Hex(32); }},
      {"sendgrid-api-key", "sendgrid_api_key", [](Gen& g) { return "SG." + g.Url(22) + "." + g.Url(43); }},
      {"mailgun-api-key", "mailgun_key", [](Gen& g) { return "key-" + g.Hex(32); }},
      {"mailchimp-api-key", "mailchimp_key", [](Gen& g) { return g.Hex(32) + "-us14"; }},
      {"brevo-api-key", "brevo_key", [](Gen& g) { return "xkeysib-" + g.Hex(64) + "-" + g.Alnum(16); }},
      {"stripe-secret-key", "stripe_key", [](Gen& g) { return "sk_live_" + g.Alnum(99); }},
      {"stripe-restricted-key", "stripe_rk", [](Gen& g) { return "rk_live_" + g.Alnum(99); }},
      {"stripe-webhook-secret", "stripe_webhook_secret", [](Gen& g) { return "whsec_" + g.Alnum(32); }},
      {"square-access-token", "square_token", [](Gen& g) { return "EAAA" + g.Url(60); }},
      {"braintree-access-token", "braintree_token",
       [](Gen& g) { return "access_token$production$" + g.Lower(16) + "$" + g.Hex(32); }},
      {"flutterwave-secret-key", "flw_secret", [](Gen& g) { return "FLWSECK-" + g.Hex(32) + "-X"; }},
      {"plaid-access-token", "plaid_access", [](Gen& g) { return "access-production-" + g.Uuid(); }},
      {"shippo-api-token", "shippo_key", [](Gen& g) { return "shippo_live_" + g.Hex(40); }},
      {"openai-api-key", "openai_api_key",
       [](Gen& g) { return "sk-proj-" + g.Url(74) + "T3BlbkFJ" + g.Url(74); }},
      {"anthropic-api-key", "anthropic_api_key", [](Gen& g) { return "sk-ant-api03-" + g.Url(93) + "AA"; }},
      {"huggingface-token", "hf_token", [](Gen& g) { return "hf_" + g.Letters(34); }},
      {"groq-api-key", "groq_key", [](Gen& g) { return "gsk_" + g.Alnum(52); }},
      {"replicate-api-token", "replicate_token", [](Gen& g) { return "r8_" + g.Alnum(37); }},
      {"grafana-service-account-token", "grafana_token", [](Gen& g) { return "glsa_" + g.Alnum(32) + "_" + g.Hex(8); }},
      {"sentry-user-token", "sentry_auth_token", [](Gen& g) { return "sntryu_" + g.Hex(64); }},
      {"newrelic-user-api-key", "newrelic_key", [](Gen& g) { return "NRAK-" + g.Upper(27); }},
      {"dynatrace-api-token", "dt_token", [](Gen& g) { return "dt0c01." + g.Upper(24) + "." + g.Upper(64); }},
      {"linear-api-key", "linear_key", [](Gen& g) { return "lin_api_" + g.Alnum(40); }},
      {"shopify-access-token", "shopify_token", [](Gen& g) { return "shpat_" + g.Hex(32); }},
      {"postman-api-key", "postman_key", [](Gen& g) { return "PMAK-" + g.Hex(24) + "-" + g.Hex(34); }},
      {"figma-pat", "figma_token", [](Gen& g) { return "figd_" + g.Url(40); }},
      {"contentful-pat", "contentful_token", [](Gen& g) { return "CFPAT-" + g.Url(43); }},
      {"hubspot-private-app-token", "hubspot_token", [](Gen& g) { return "pat-na1-" + g.Uuid(); }},
      {"jwt", "session_jwt",
       [](Gen& g) {
         return "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI" + g.Url(40) + "." + g.Url(43);
       }},
      {"postgres-connection-string", "database_url",
       [](Gen& g) { return "postgresql://app_user:" + g.Password() + "@db.prod.internal:5432/orders"; }},
      {"mysql-connection-string", "mysql_url", [](Gen& g) { return "mysql://root:" + g.Password() + "@10.0.3.7:3306/shop"; }},
      {"mongodb-connection-string", "mongo_uri",
       [](Gen& g) { return "mongodb+srv://svc:" + g.Alnum(16) + "@cluster0.ab1cd.mongodb.net/app?retryWrites=true"; }},
      {"redis-connection-string", "redis_url", [](Gen& g) { return "rediss://default:" + g.Alnum(24) + "@cache.internal:6380/0"; }},
      {"amqp-connection-string", "broker_url", [](Gen& g) { return "amqp://worker:" + g.Password() + "@mq.internal:5672/vhost"; }},
      {"generic-password", "db_password", [](Gen& g) { return g.Password(); }},
      {"generic-password", "smtp_pass", [](Gen& g) { return g.Password(); }},
      {"generic-secret", "api_secret", [](Gen& g) { return g.Alnum(32); }},
      {"generic-secret", "webhook_signing_secret", [](Gen& g) { return g.Url(40); }},
      {"high-entropy-string", "upstream_value", [](Gen& g) { return g.Alnum(36); }},
  };
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// One file per embedding; the secret sits on line `line`.
CorpusFile Embed(const Format& f, const std::string& value, int style, int n) {
  std::string id = f.name + "-" + std::to_string(n);
  CorpusFile cf;
  cf.format = f.name;
  switch (style) {
    case 0:
      cf.path = "src/" + id + ".py";
      cf.content = "import os\n\n# service settings\n" + f.var + " = \"" + value + "\"\nTIMEOUT = 30\n";
      cf.secret_lines = {4};
      break;
    case 1:
      cf.path = "web/" + id + ".js";
      cf.content = "'use strict';\nconst config = {\n  region: 'eu-west-1',\n  " + f.var + ": '" + value + "',\n};\n";
      cf.secret_lines = {4};
      break;
    case 2:
      cf.path = "deploy/" + id + ".yaml";
      cf.content = "service:\n  name: orders\n  replicas: 3\n  " + f.var + ": " + value + "\n";
      cf.secret_lines = {4};
      break;
    case 3:
      cf.path = "config/" + id + ".json";
      cf.content = "{\n  \"name\": \"orders\",\n  \"" + f.var + "\": \"" + value + "\",\n  \"debug\": false\n}\n";
      cf.secret_lines = {3};
      break;
    case 4:
      cf.path = "env/" + id + ".env";
      cf.content = "NODE_ENV=production\nPORT=8080\n" + Upper(f.var) + "=" + value + "\n";
      cf.secret_lines = {3};
      break;
    case 5:
      cf.path = "infra/" + id + ".tf";
      cf.content = "resource \"acme_service\" \"orders\" {\n  name = \"orders\"\n  " + f.var + " = \"" + value +
                   "\"\n}\n";
      cf.secret_lines = {3};
      break;
    case 6:
      cf.path = "notebooks/" + id + ".ipynb";
      cf.content = "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"source\": [\n    \"import requests\\n\",\n"
                   "    \"" + f.var + " = '" + value + "'\\n\"\n   ]\n  }\n ],\n \"nbformat\": 4\n}\n";
      cf.secret_lines = {7};
      break;
    default:
      cf.path = ".github/workflows/" + id + ".yml";
      cf.content = "name: deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n      " +
                   Upper(f.var) + ": " + value + "\n    steps:\n      - run: ./deploy.sh\n";
      cf.secret_lines = {7};
      break;
  }
  return cf;
}

std::string PemBody(Gen& g, int lines) {
  std::string s;
  for (int i = 0; i < lines; ++i) s += g.B64(64) + "\n";
  return s + g.B64(20) + "==\n";
}

}  // namespace

std::vector<CorpusFile> PositiveCorpus(unsigned seed) {
  Gen g(seed);
  std::vector<CorpusFile> out;
  int n = 0;
  for (const auto& f : Formats()) {
    for (int style = 0; style < 8; style += 1) {
      // JSON and notebooks cannot hold an unquoted multi-part value with quotes; all ours are fine.
      out.push_back(Embed(f, f.make(g), style, n++));
    }
  }
  // Private keys: PEM files, and keys embedded with escaped newlines in JSON.
  const char* kinds[][2] = {{"rsa-private-key", "RSA "}, {"ec-private-key", "EC "}, {"openssh-private-key", "OPENSSH "},
                            {"pkcs8-private-key", ""}, {"pgp-private-key", "PGP "}, {"encrypted-private-key", "ENCRYPTED "}};
  for (auto& k : kinds) {
    for (int i = 0; i < 3; ++i) {
      std::string block = k[1] == std::string("PGP ") ? "PRIVATE KEY BLOCK" : "PRIVATE KEY";
      CorpusFile pem;
      pem.format = k[0];
      pem.path = "keys/" + std::string(k[0]) + "-" + std::to_string(i) + ".pem";
      pem.content = "-----BEGIN " + std::string(k[1]) + block + "-----\n" + PemBody(g, 8) + "-----END " + k[1] + block + "-----\n";
      pem.secret_lines = {1};
      out.push_back(pem);
    }
  }
  for (int i = 0; i < 3; ++i) {
    CorpusFile sa;
    sa.format = "gcp-service-account";
    sa.path = "creds/service-account-" + std::to_string(i) + ".json";
    std::string body;
    for (int l = 0; l < 6; ++l) body += g.B64(64) + "\\n";
    sa.content = "{\n  \"type\": \"service_account\",\n  \"project_id\": \"acme-prod\",\n  \"private_key_id\": \"" + g.Hex(40) +
                 "\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n" + body +
                 "-----END PRIVATE KEY-----\\n\",\n  \"client_email\": \"ci@acme-prod.iam.gserviceaccount.com\"\n}\n";
    sa.secret_lines = {4, 5};
    out.push_back(sa);
  }
  // CRLF line endings and a UTF-8 BOM must not hide anything.
  {
    CorpusFile crlf;
    crlf.format = "github-pat";
    crlf.path = "win/settings.ini";
    crlf.content = "\xEF\xBB\xBF[github]\r\ntoken=" + g.Github("ghp_") + "\r\nuser=ci\r\n";
    crlf.secret_lines = {2};
    out.push_back(crlf);
  }
  return out;
}

std::vector<CorpusFile> HardNegativeCorpus(unsigned seed) {
  Gen g(seed);
  std::vector<CorpusFile> out;
  auto add = [&](const std::string& cat, const std::string& path, const std::string& content) {
    out.push_back(CorpusFile{path, content, {}, cat});
  };
  std::string lock = "{\n  \"name\": \"web\",\n  \"lockfileVersion\": 3,\n  \"packages\": {\n";
  for (int i = 0; i < 30; ++i)
    lock += "    \"node_modules/pkg" + std::to_string(i) + "\": {\n      \"version\": \"1.2." + std::to_string(i) +
            "\",\n      \"resolved\": \"https://registry.npmjs.org/pkg/-/pkg-1.2.0.tgz\",\n      \"integrity\": \"sha512-" +
            g.B64(86) + "==\"\n    },\n";
  add("lockfile", "package-lock.json", lock + "  }\n}\n");
  std::string yarn;
  for (int i = 0; i < 20; ++i)
    yarn += "pkg" + std::to_string(i) + "@^1.0.0:\n  version \"1.0.0\"\n  resolved \"https://registry.yarnpkg.com/pkg/-/pkg-1.0.0.tgz#" +
            g.Hex(40) + "\"\n  integrity sha512-" + g.B64(86) + "==\n\n";
  add("lockfile", "yarn.lock", yarn);
  std::string gosum;
  for (int i = 0; i < 20; ++i)
    gosum += "github.com/acme/mod" + std::to_string(i) + " v1.4.0 h1:" + g.B64(43) + "=\ngithub.com/acme/mod" +
             std::to_string(i) + " v1.4.0/go.mod h1:" + g.B64(43) + "=\n";
  add("lockfile", "go.sum", gosum);
  std::string cargo;
  for (int i = 0; i < 10; ++i)
    cargo += "[[package]]\nname = \"crate" + std::to_string(i) + "\"\nversion = \"0.3.1\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\nchecksum = \"" +
             g.Hex(64) + "\"\n\n";
  add("lockfile", "Cargo.lock", cargo);
  add("lockfile-integrity", "docs/index.html",
      "<script src=\"https://cdn.example.org/lib.js\" integrity=\"sha384-" + g.B64(64) +
          "\" crossorigin=\"anonymous\"></script>\n");
  std::string shas = "# Changelog\n";
  for (int i = 0; i < 20; ++i) shas += "- commit: " + g.Hex(40) + " fix build\n";
  shas += "merge_base = \"" + g.Hex(40) + "\"\nrevision: " + g.Hex(40) + "\n";
  add("git-object-id", "CHANGELOG.md", shas);
  std::string uuids;
  for (int i = 0; i < 20; ++i) uuids += "  - id: " + g.Uuid() + "\n    request_id: \"" + g.Uuid() + "\"\n";
  add("uuid", "data/fixtures.yaml", "records:\n" + uuids);
  add("base64-image", "web/styles.css",
      ".logo { background: url(data:image/png;base64," + g.B64(2400) + "=); }\n"
      "@font-face { font-family: 'Inter'; src: url(data:font/woff2;base64," + g.B64(4000) + ") format('woff2'); }\n");
  add("base64-image", "README.md", "![badge](data:image/svg+xml;base64," + g.B64(600) + "==)\n");
  std::string bundle = "!function(e){var t={};";
  for (int i = 0; i < 400; ++i)
    bundle += "function n" + std::to_string(i) + "(e){return{apiKey:e.apiKey,authDomain:e.authDomain,token:e.token||null,"
              "chunk:\"" + g.Hex(20) + "\",id:" + std::to_string(i) + "}}";
  bundle += "}();\n";
  add("minified-bundle", "dist/app.min.js", bundle);
  add("minified-bundle", "dist/manifest.json",
      "{\"main.js\":\"main." + g.Hex(20) + ".js\",\"vendor.js\":\"vendor." + g.Hex(20) + ".js\"}\n");
  std::string sops = "db:\n    password: ENC[AES256_GCM,data:" + g.B64(24) + "=,iv:" + g.B64(43) + "=,tag:" + g.B64(22) +
                     "==,type:str]\n    api_token: ENC[AES256_GCM,data:" + g.B64(48) + ",iv:" + g.B64(43) + "=,tag:" +
                     g.B64(22) + "==,type:str]\n";
  add("sops-enc-value", "notes/sops-snippet.txt", sops);
  add("age-recipient", ".sops.yaml",
      "creation_rules:\n  - path_regex: secrets/.*\\.enc\\.yaml$\n    age: >-\n      age1" + g.From("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58) +
          ",age1" + g.From("qpzry9x8gf2tvdw0s3jn54khce6mua7l", 58) + "\n");
  add("placeholder", "config/example.env",
      "API_KEY=changeme\nDB_PASSWORD=<your-password>\nSECRET_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxx\nSTRIPE_KEY=your_stripe_key_here\n"
      "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
      "GITHUB_TOKEN=${GITHUB_TOKEN}\nAUTH_TOKEN=********\n");
  add("placeholder", "src/settings.py",
      "password = os.environ[\"DB_PASSWORD\"]\napi_key = os.getenv(\"API_KEY\")\nsecret = settings.SECRET_KEY\n"
      "token = get_token()\nclient_secret = None\npassword = self.password\nDB_PASSWORD = \"\"\n");
  add("placeholder", "web/client.ts",
      "const apiKey = process.env.API_KEY;\nconst password: string = config.password;\nlet token = await fetchToken();\n");
  add("placeholder", "chart/values.yaml",
      "auth:\n  password: {{ .Values.db.password }}\n  token: \"{{ .Values.token }}\"\n  existingSecret: app-secret\n"
      "  secretKeyRef:\n    name: db\n    key: password\n");
  add("placeholder", ".github/workflows/ci.yml",
      "env:\n  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n  password: ${DB_PASSWORD}\n");
  add("public-key", "keys/deploy.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + g.B64(43) + " ci@acme\n");
  add("public-key", "certs/ca.pem", "-----BEGIN CERTIFICATE-----\n" + PemBody(g, 10) + "-----END CERTIFICATE-----\n"
      "-----BEGIN PUBLIC KEY-----\n" + PemBody(g, 4) + "-----END PUBLIC KEY-----\n");
  add("digest", "k8s/deploy.yaml",
      "containers:\n  - name: app\n    image: ghcr.io/acme/app@sha256:" + g.Hex(64) + "\n    checksum/config: " + g.Hex(64) + "\n");
  add("password-hash", "db/seed.sql",
      "INSERT INTO users (name, password_hash) VALUES ('admin', '$2b$12$" + g.From("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 53) + "');\n");
  {
    // A GitHub-shaped token whose checksum is wrong: a look-alike, not a token.
    std::string body = g.Alnum(36);
    add("checksum-mismatch", "test/data/ids.txt", "ref: ghp_" + body + "\n");
  }
  add("docs", "docs/keys.md",
      "Keys look like `-----BEGIN RSA PRIVATE KEY-----` followed by base64.\nSet `password` in the config.\n"
      "The token is read from `GITHUB_TOKEN`.\n");
  return out;
}

}  // namespace clef::scan::testing
