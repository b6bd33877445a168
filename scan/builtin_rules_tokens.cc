// Built-in rules, part 1: prefixed tokens of cloud providers, source hosting, CI, package
// registries and developer platforms. Each regex is written from the provider's documented
// token format (prefix, alphabet, length). Data only; the engine is in detector.cc.
#include "scan/builtin_rules_parts.h"

namespace clef::scan {

// Shorthand: a token that is its own keyword-bearing prefix, captured in group 1.
#define TOK(id, desc, kws, re) Rule{id, desc, KW kws, re, 1, 0, Checksum::kNone, 512, false}
#define TOKE(id, desc, kws, re, ent) Rule{id, desc, KW kws, re, 1, ent, Checksum::kNone, 512, false}
#define TOKC(id, desc, kws, re, sum) Rule{id, desc, KW kws, re, 1, 0, sum, 512, false}
// A value assigned to a name that mentions the provider: `<provider>..key = "<value>"`.
#define CTX(name) "(?i)" name R"([\w.-]{0,25}(?:key|token|secret|pat|password)[\w.-]{0,15}["']?\s*(?:=|:=|=>|:)\s*["'\x60]?)"
#define END R"((?:[^A-Za-z0-9_+/=-]|$))"

void AddTokenRules(std::vector<Rule>& r) {
  // --- Cloud providers ---
  r.push_back(TOK("aws-access-key-id", "AWS access key ID", ("akia", "asia", "abia", "acca", "a3t"),
                  R"(\b((?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16})\b)"));
  r.push_back(TOKE("aws-secret-access-key", "AWS secret access key", ("aws", "amazon"),
                   R"((?i)(?:aws|amazon)[\w.-]{0,20}(?:secret|sk)[\w.-]{0,20}["']?\s*(?:=|:=|=>|:)\s*["'\x60]?([A-Za-z0-9/+]{40}))" END, 3.5));
  r.push_back(TOKE("aws-session-token", "AWS session token", ("aws_session", "awssession", "session_token"),
                   R"((?i)(?:aws_?session_?token|session_token)["']?\s*(?:=|:=|=>|:)\s*["'\x60]?([A-Za-z0-9/+=]{100,1000}))", 4));
  r.push_back(TOK("aws-mws-key", "Amazon Marketplace Web Service auth token", ("amzn.mws."),
                  R"((amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))"));
  r.push_back(TOK("aws-bedrock-api-key", "Amazon Bedrock API key", ("absk"),
                  R"(\b(ABSK[A-Za-z0-9+/]{100,400}={0,2}))"));
  r.push_back(TOK("gcp-api-key", "Google Cloud API key", ("aiza"), R"(\b(AIza[0-9A-Za-z_-]{35}))" END));
  r.push_back(TOK("gcp-service-account-key-id", "Google service account key file", ("private_key_id"),
                  R"x("private_key_id"\s*:\s*"([a-f0-9]{40})")x"));
  r.push_back(TOK("google-oauth-client-secret", "Google OAuth client secret", ("gocspx-"),
                  R"(\b(GOCSPX-[0-9A-Za-z_-]{28}))" END));
  r.push_back(TOKE("google-oauth-access-token", "Google OAuth access token", ("ya29."),
                   R"(\b(ya29\.[0-9A-Za-z_-]{30,300}))", 3.5));
  r.push_back(TOKE("google-oauth-refresh-token", "Google OAuth refresh token", ("1//0"),
                   R"((1//0[0-9A-Za-z_-]{40,300}))", 3.5));
  r.push_back(TOK("firebase-cloud-messaging-key", "Firebase Cloud Messaging server key", ("apa91b"),
                  R"(\b(AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134}))"));
  r.push_back(TOK("azure-storage-account-key", "Azure storage account key", ("accountkey="),
                  R"((?i)AccountKey=([A-Za-z0-9+/]{86}==))"));
  r.push_back(TOK("azure-service-bus-key", "Azure Service Bus / Event Hubs shared access key", ("sharedaccesskey="),
                  R"((?i)SharedAccessKey=([A-Za-z0-9+/]{42,44}=))"));
  r.push_back(TOKE("azure-sas-token", "Azure shared access signature", ("sig="),
                   R"((?i)\bsv=\d{4}-\d{2}-\d{2}&[^\s"'<>]{0,300}?\bsig=([A-Za-z0-9%+/]{40,90}))", 3.5));
  r.push_back(TOKE("azure-ad-client-secret", "Microsoft Entra ID (Azure AD) client secret", ("q~"),
                   R"((?:^|[^A-Za-z0-9~._-])([A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34}))" R"((?:[^A-Za-z0-9_~.-]|$))", 3.5));
  r.push_back(TOKE("azure-devops-pat", "Azure DevOps personal access token", ("devops", "azure", "ado_"),
                   CTX("(?:azure|devops|ado)") R"(([a-z2-7]{52}))" END, 3.5));
  r.push_back(TOK("alibaba-access-key-id", "Alibaba Cloud AccessKey ID", ("ltai"), R"(\b(LTAI[A-Za-z0-9]{12,20})\b)"));
  r.push_back(TOKE("alibaba-access-key-secret", "Alibaba Cloud AccessKey secret", ("alibaba", "aliyun"),
                   CTX("(?:alibaba|aliyun)") R"(([A-Za-z0-9]{30}))" END, 3.5));
  r.push_back(TOK("tencent-secret-id", "Tencent Cloud SecretId", ("akid"), R"(\b(AKID[A-Za-z0-9]{32})\b)"));
  r.push_back(TOKE("ibm-cloud-api-key", "IBM Cloud API key", ("ibm"), CTX("ibm") R"(([A-Za-z0-9_-]{44}))" END, 3.5));
  r.push_back(TOK("digitalocean-pat", "DigitalOcean personal access token", ("dop_v1_"), R"(\b(dop_v1_[a-f0-9]{64})\b)"));
  r.push_back(TOK("digitalocean-oauth-token", "DigitalOcean OAuth token", ("doo_v1_"), R"(\b(doo_v1_[a-f0-9]{64})\b)"));
  r.push_back(TOK("digitalocean-refresh-token", "DigitalOcean refresh token", ("dor_v1_"), R"(\b(dor_v1_[a-f0-9]{64})\b)"));
  r.push_back(TOK("heroku-api-key", "Heroku platform API key", ("hrku-"), R"(\b(HRKU-AA[0-9A-Za-z_-]{58}))" END));
  r.push_back(TOK("heroku-api-key-legacy", "Heroku API key (UUID form, named)", ("heroku"),
                  CTX("heroku") R"(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))"));
  r.push_back(TOKE("linode-token", "Linode (Akamai) personal access token", ("linode"), CTX("linode") R"(([a-f0-9]{64}))" END, 3));
  r.push_back(TOKE("hetzner-cloud-token", "Hetzner Cloud API token", ("hcloud", "hetzner"),
                   CTX("(?:hcloud|hetzner)") R"(([A-Za-z0-9]{64}))" END, 3.5));
  r.push_back(TOK("scaleway-secret-key", "Scaleway secret key", ("scw"),
                  CTX("scw") R"(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))"));
  r.push_back(TOKE("cloudflare-api-token", "Cloudflare API token", ("cloudflare", "cf_api"),
                   CTX("(?:cloudflare|cf_api)") R"(([A-Za-z0-9_-]{40}))" END, 3.5));
  r.push_back(TOK("cloudflare-origin-ca-key", "Cloudflare Origin CA key", ("v1.0-"), R"(\b(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b)"));
  r.push_back(TOKE("fastly-api-token", "Fastly API token", ("fastly"), CTX("fastly") R"(([A-Za-z0-9_-]{32}))" END, 3.5));
  r.push_back(TOKE("vercel-token", "Vercel access token", ("vercel"), CTX("vercel") R"(([A-Za-z0-9]{24}))" END, 3.5));
  r.push_back(TOK("netlify-pat", "Netlify personal access token", ("nfp_"), R"(\b(nfp_[A-Za-z0-9]{36})\b)"));
  r.push_back(TOK("flyio-token", "Fly.io access token", ("fo1_"), R"(\b(fo1_[A-Za-z0-9_-]{43}))" END));
  r.push_back(TOK("flyio-macaroon", "Fly.io macaroon token", ("flyv1 fm"), R"((FlyV1 fm[12]_[A-Za-z0-9+/=_,-]{100,}))"));
  r.push_back(TOK("supabase-pat", "Supabase personal access token", ("sbp_"), R"(\b(sbp_[a-f0-9]{40})\b)"));
  r.push_back(TOK("supabase-secret-key", "Supabase secret API key", ("sb_secret_"), R"(\b(sb_secret_[A-Za-z0-9_-]{31,64}))" END));
  r.push_back(TOK("render-api-key", "Render API key", ("rnd_"), R"(\b(rnd_[A-Za-z0-9]{32})\b)"));
  r.push_back(TOK("planetscale-token", "PlanetScale service token or password", ("pscale_"),
                  R"(\b(pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}))" END));
  r.push_back(TOK("doppler-token", "Doppler token", ("dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."),
                  R"(\b(dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})\b)"));
  r.push_back(TOK("vault-service-token", "HashiCorp Vault service token", ("hvs."), R"(\b(hvs\.[A-Za-z0-9_-]{90,120}))" END));
  r.push_back(TOK("vault-batch-token", "HashiCorp Vault batch token", ("hvb."), R"(\b(hvb\.[A-Za-z0-9_-]{138,300}))" END));
  r.push_back(TOK("vault-recovery-token", "HashiCorp Vault recovery token", ("hvr."), R"(\b(hvr\.[A-Za-z0-9_-]{90,120}))" END));
  r.push_back(TOK("terraform-cloud-token", "HCP Terraform / Terraform Cloud API token", ("atlasv1"),
                  R"(\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}))" END));
  r.push_back(TOK("pulumi-access-token", "Pulumi access token", ("pul-"), R"(\b(pul-[a-f0-9]{40})\b)"));
  r.push_back(TOK("age-secret-key", "age secret key (identity)", ("age-secret-key-1"),
                  R"((AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}))"));
  r.push_back(TOK("tailscale-key", "Tailscale auth or API key", ("tskey-"),
                  R"(\b(tskey-(?:auth|api|client|scim|webhook)-[A-Za-z0-9]{8,20}-[A-Za-z0-9]{20,40}))" END));
  r.push_back(TOKE("ngrok-token", "ngrok authtoken or API key", ("ngrok"), CTX("ngrok") R"(([A-Za-z0-9]{20,30}_[A-Za-z0-9]{17,30}))" END, 3.5));
  r.push_back(TOK("onepassword-service-account-token", "1Password service account token", ("ops_eyj"),
                  R"(\b(ops_eyJ[A-Za-z0-9+/_-]{250,}={0,3}))"));
  r.push_back(TOK("onepassword-secret-key", "1Password account Secret Key", ("a3-"),
                  R"(\b(A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})\b)"));
  r.push_back(TOK("openshift-user-token", "OpenShift user token", ("sha256~"), R"((sha256~[A-Za-z0-9_-]{43}))" END));
  r.push_back(TOKE("databricks-token", "Databricks personal access token", ("dapi"), R"(\b(dapi[a-f0-9]{32}(?:-\d)?)\b)", 3));

  // --- Source hosting and CI ---
  r.push_back(TOKC("github-pat", "GitHub personal access token (classic)", ("ghp_"), R"(\b(ghp_[A-Za-z0-9]{36})\b)", Checksum::kGithubCrc32));
  r.push_back(TOKC("github-oauth-token", "GitHub OAuth access token", ("gho_"), R"(\b(gho_[A-Za-z0-9]{36})\b)", Checksum::kGithubCrc32));
  r.push_back(TOKC("github-user-to-server-token", "GitHub App user-to-server token", ("ghu_"), R"(\b(ghu_[A-Za-z0-9]{36})\b)", Checksum::kGithubCrc32));
  r.push_back(TOKC("github-server-to-server-token", "GitHub App installation token", ("ghs_"), R"(\b(ghs_[A-Za-z0-9]{36})\b)", Checksum::kGithubCrc32));
  r.push_back(TOKC("github-refresh-token", "GitHub refresh token", ("ghr_"), R"(\b(ghr_[A-Za-z0-9]{36})\b)", Checksum::kGithubCrc32));
  r.push_back(TOK("github-fine-grained-pat", "GitHub fine-grained personal access token", ("github_pat_"),
                  R"(\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b)"));
  r.push_back(TOK("gitlab-pat", "GitLab personal, project or group access token", ("glpat-"), R"(\b(glpat-[A-Za-z0-9_-]{20}[A-Za-z0-9_.-]{0,70}))" END));
  r.push_back(TOK("gitlab-pipeline-trigger-token", "GitLab pipeline trigger token", ("glptt-"), R"(\b(glptt-[a-f0-9]{40})\b)"));
  r.push_back(TOK("gitlab-runner-registration-token", "GitLab runner registration token", ("gr1348941"), R"(\b(GR1348941[A-Za-z0-9_-]{20}))" END));
  r.push_back(TOK("gitlab-runner-auth-token", "GitLab runner authentication token", ("glrt-"), R"(\b(glrt-[A-Za-z0-9_.-]{20,80}))" END));
  r.push_back(TOK("gitlab-deploy-token", "GitLab deploy token", ("gldt-"), R"(\b(gldt-[A-Za-z0-9_-]{20,80}))" END));
  r.push_back(TOK("gitlab-job-token", "GitLab CI/CD job token", ("glcbt-"), R"(\b(glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20,80}))" END));
  r.push_back(TOK("gitlab-feed-token", "GitLab feed token", ("glft-"), R"(\b(glft-[A-Za-z0-9_-]{20,80}))" END));
  r.push_back(TOK("gitlab-incoming-mail-token", "GitLab incoming mail token", ("glimt-"), R"(\b(glimt-[A-Za-z0-9_-]{25,80}))" END));
  r.push_back(TOK("gitlab-oauth-app-secret", "GitLab OAuth application secret", ("gloas-"), R"(\b(gloas-[A-Za-z0-9_-]{64}))" END));
  r.push_back(TOK("gitlab-scim-token", "GitLab SCIM token", ("glsoat-"), R"(\b(glsoat-[A-Za-z0-9_-]{20,80}))" END));
  r.push_back(TOK("gitlab-agent-token", "GitLab agent for Kubernetes token", ("glagent-"), R"(\b(glagent-[A-Za-z0-9_-]{50,100}))" END));
  r.push_back(TOK("gitlab-feature-flags-token", "GitLab feature flags client token", ("glffct-"), R"(\b(glffct-[A-Za-z0-9_-]{20,80}))" END));
  r.push_back(TOK("bitbucket-app-password", "Bitbucket app password / API token", ("atbb"), R"(\b(ATBB[A-Za-z0-9_=.-]{28,100}))" END));
  r.push_back(TOK("atlassian-api-token", "Atlassian (Jira, Confluence) API token", ("atatt3"), R"(\b(ATATT3[A-Za-z0-9_=-]{150,250}))" END));
  r.push_back(TOK("circleci-personal-token", "CircleCI personal API token", ("ccipat_"), R"(\b(CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40})\b)"));
  r.push_back(TOK("circleci-project-token", "CircleCI project API token", ("cciprj_"), R"(\b(CCIPRJ_[A-Za-z0-9]{22}_[a-f0-9]{40})\b)"));
  r.push_back(TOK("buildkite-token", "Buildkite API access token", ("bkua_"), R"(\b(bkua_[a-f0-9]{40})\b)"));
  r.push_back(TOKE("travis-ci-token", "Travis CI API token", ("travis"), CTX("travis") R"(([A-Za-z0-9_-]{22}))" END, 3.5));
  r.push_back(TOK("codecov-token", "Codecov upload token", ("codecov"),
                  CTX("codecov") R"(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))"));
  r.push_back(TOK("sonarqube-token", "SonarQube / SonarCloud token", ("sqp_", "squ_", "sqa_"), R"(\b(sq[pua]_[a-f0-9]{40})\b)"));
  r.push_back(TOK("snyk-token", "Snyk API token", ("snyk"), CTX("snyk") R"(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))"));
  r.push_back(TOK("jfrog-api-key", "JFrog Artifactory API key", ("akcp"), R"(\b(AKCp[A-Za-z0-9]{69})\b)"));
  r.push_back(TOK("jfrog-identity-token", "JFrog identity / reference token", ("cmvmdgtu"), R"(\b(cmVmdGtuOjAxOj[A-Za-z0-9]{50,}))" END));
  r.push_back(TOKE("jenkins-api-token", "Jenkins API token", ("jenkins"), CTX("jenkins") R"(([a-f0-9]{34}))" END, 3));
  r.push_back(TOK("harness-pat", "Harness personal access token", ("pat."), R"(\b(pat\.[A-Za-z0-9_-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20})\b)"));
  r.push_back(TOK("octopus-deploy-api-key", "Octopus Deploy API key", ("api-"), R"(\b(API-[A-Z0-9]{26,32})\b)"));
  r.push_back(TOK("postman-api-key", "Postman API key", ("pmak-"), R"(\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b)"));

  // --- Package registries ---
  r.push_back(TOKC("npm-access-token", "npm access token", ("npm_"), R"(\b(npm_[A-Za-z0-9]{36})\b)", Checksum::kGithubCrc32));
  r.push_back(TOK("npmrc-auth", "npm registry credential in .npmrc", ("_authtoken", "_auth", "_password"),
                  R"((?i)(?:_authToken|_auth|_password)\s*=\s*["']?([A-Za-z0-9+/=._-]{16,200}))"));
  r.push_back(TOK("pypi-upload-token", "PyPI upload token", ("pypi-ageichlwas5vcmc"), R"(\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}))"));
  r.push_back(TOK("rubygems-api-key", "RubyGems API key", ("rubygems_"), R"(\b(rubygems_[a-f0-9]{48})\b)"));
  r.push_back(TOK("nuget-api-key", "NuGet API key", ("oy2"), R"(\b(oy2[a-z0-9]{43})\b)"));
  r.push_back(TOK("clojars-token", "Clojars deploy token", ("clojars_"), R"(\b(CLOJARS_[a-z0-9]{60})\b)"));
  r.push_back(TOKE("crates-io-token", "crates.io API token", ("cio"), R"(\b(cio[A-Za-z0-9]{32})\b)", 3.5));
  r.push_back(TOK("docker-hub-token", "Docker Hub personal or organisation access token", ("dckr_pat_", "dckr_oat_"),
                  R"(\b(dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,40}))" END));
  r.push_back(TOKE("docker-config-auth", "Docker registry credential in config.json", ("\"auth\""),
                   R"x("auth"\s*:\s*"([A-Za-z0-9+/]{16,300}={0,2})")x", 3));
  r.push_back(TOK("readme-api-key", "ReadMe API key", ("rdme_"), R"(\b(rdme_[a-z0-9]{70})\b)"));
  r.push_back(TOK("prefect-api-key", "Prefect API key", ("pnu_"), R"(\b(pnu_[A-Za-z0-9]{36})\b)"));
}

}  // namespace clef::scan
