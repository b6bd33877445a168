// Built-in rules, part 2: chat and email services, payment providers, AI platforms and other
// SaaS APIs, written from their documented token formats. Data only.
#include "scan/builtin_rules_parts.h"

namespace clef::scan {

#define TOK(id, desc, kws, re) Rule{id, desc, KW kws, re, 1, 0, Checksum::kNone, 512, false}
#define TOKE(id, desc, kws, re, ent) Rule{id, desc, KW kws, re, 1, ent, Checksum::kNone, 512, false}
#define CTX(name) "(?i)" name R"([\w.-]{0,25}(?:key|token|secret|pat|password)[\w.-]{0,15}["']?\s*(?:=|:=|=>|:)\s*["'\x60]?)"
#define END R"((?:[^A-Za-z0-9_+/=-]|$))"
#define UUID R"(([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}))"

void AddServiceRules(std::vector<Rule>& r) {
  // --- Chat ---
  r.push_back(TOK("slack-bot-token", "Slack bot token", ("xoxb-"), R"(\b(xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34})\b)"));
  r.push_back(TOK("slack-user-token", "Slack user token", ("xoxp-"), R"(\b(xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32})\b)"));
  r.push_back(TOK("slack-app-token", "Slack app-level token", ("xapp-"), R"(\b(xapp-\d-[A-Z0-9]+-\d+-[a-f0-9]{64})\b)"));
  r.push_back(TOK("slack-config-token", "Slack configuration access token", ("xoxe.xox"), R"(\b(xoxe\.xox[bp]-\d-[A-Za-z0-9]{163,166})\b)"));
  r.push_back(TOK("slack-refresh-token", "Slack configuration refresh token", ("xoxe-"), R"(\b(xoxe-\d-[A-Za-z0-9]{146})\b)"));
  r.push_back(TOKE("slack-legacy-token", "Slack legacy workspace or app token", ("xoxa-", "xoxo-", "xoxr-", "xoxs-"),
                   R"(\b(xox[aors]-(?:[0-9]+-){1,3}[A-Za-z0-9]{8,64})\b)", 3));
  r.push_back(TOK("slack-webhook-url", "Slack incoming webhook URL", ("hooks.slack.com"),
                  R"((https://hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{8,12}/[A-Z0-9]{8,12}/[A-Za-z0-9]{20,32}))"));
  r.push_back(TOK("teams-webhook-url", "Microsoft Teams incoming webhook URL", ("webhook.office.com"),
                  R"((https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/[a-f0-9-]{36}@[a-f0-9-]{36}/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36}))"));
  r.push_back(TOK("discord-webhook-url", "Discord webhook URL", ("/api/webhooks/"),
                  R"((https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}))"));
  r.push_back(TOKE("discord-bot-token", "Discord bot token", ("discord"),
                   R"(\b([MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}))" END, 3.5));
  r.push_back(TOK("telegram-bot-token", "Telegram bot token", (":aa"), R"(\b([0-9]{8,10}:AA[A-Za-z0-9_-]{33}))" END));
  r.push_back(TOKE("twilio-api-key", "Twilio API key SID", ("twilio"), R"(\b(SK[0-9a-fA-F]{32})\b)", 3));
  r.push_back(TOKE("twilio-auth-token", "Twilio auth token", ("twilio"), CTX("twilio") R"(([a-f0-9]{32}))" END, 3));
  r.push_back(TOKE("zendesk-api-token", "Zendesk API token", ("zendesk"), CTX("zendesk") R"(([A-Za-z0-9]{40}))" END, 3.5));
  r.push_back(TOKE("intercom-access-token", "Intercom access token", ("intercom"), CTX("intercom") R"(([A-Za-z0-9=_-]{60}))" END, 3.5));

  // --- Email ---
  r.push_back(TOK("sendgrid-api-key", "SendGrid API key", ("sg."), R"(\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}))" END));
  r.push_back(TOK("mailgun-api-key", "Mailgun API key", ("key-"), R"(\b(key-[a-f0-9]{32})\b)"));
  r.push_back(TOKE("mailgun-sending-key", "Mailgun sending or webhook signing key", ("mailgun"),
                   CTX("mailgun") R"(([a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8}))", 3));
  r.push_back(TOK("mailchimp-api-key", "Mailchimp API key", ("-us"), R"(\b([a-f0-9]{32}-us[0-9]{1,2})\b)"));
  r.push_back(TOK("mailersend-api-token", "MailerSend API token", ("mlsn."), R"(\b(mlsn\.[a-f0-9]{64})\b)"));
  r.push_back(TOK("brevo-api-key", "Brevo (Sendinblue) API key", ("xkeysib-"), R"(\b(xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})\b)"));
  r.push_back(TOK("postmark-server-token", "Postmark server token", ("postmark"), CTX("postmark") UUID));
  r.push_back(TOKE("mandrill-api-key", "Mandrill API key", ("mandrill"), CTX("mandrill") R"(([A-Za-z0-9_-]{22}))" END, 3.5));
  r.push_back(TOKE("sparkpost-api-key", "SparkPost API key", ("sparkpost"), CTX("sparkpost") R"(([a-f0-9]{40}))" END, 3));
  r.push_back(TOK("resend-api-key", "Resend API key", ("re_"), R"(\b(re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24})\b)"));

  // --- Payments ---
  r.push_back(TOK("stripe-secret-key", "Stripe live secret key", ("sk_live_"), R"(\b(sk_live_[A-Za-z0-9]{24,247})\b)"));
  r.push_back(TOK("stripe-test-secret-key", "Stripe test-mode secret key", ("sk_test_"), R"(\b(sk_test_[A-Za-z0-9]{24,247})\b)"));
  r.push_back(TOK("stripe-restricted-key", "Stripe restricted key", ("rk_live_", "rk_test_"), R"(\b(rk_(?:live|test)_[A-Za-z0-9]{24,247})\b)"));
  r.push_back(TOK("stripe-webhook-secret", "Stripe webhook signing secret", ("whsec_"), R"(\b(whsec_[A-Za-z0-9]{32,64})\b)"));
  r.push_back(TOK("square-access-token", "Square access token", ("eaaa"), R"(\b(EAAA[A-Za-z0-9_-]{60}))" END));
  r.push_back(TOK("square-legacy-access-token", "Square legacy access token", ("sq0atp-"), R"(\b(sq0atp-[A-Za-z0-9_-]{22}))" END));
  r.push_back(TOK("square-oauth-secret", "Square OAuth application secret", ("sq0csp-"), R"(\b(sq0csp-[A-Za-z0-9_-]{43}))" END));
  r.push_back(TOK("braintree-access-token", "PayPal Braintree access token", ("access_token$"),
                  R"((access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}))"));
  r.push_back(TOKE("paypal-client-secret", "PayPal REST client secret", ("paypal"), CTX("paypal") R"(([A-Za-z0-9_-]{80}))" END, 3.5));
  r.push_back(TOKE("adyen-api-key", "Adyen API key", ("adyen"), CTX("adyen") R"((AQE[A-Za-z0-9+/=._-]{60,200}))", 3.5));
  r.push_back(TOK("razorpay-key-id", "Razorpay key ID", ("rzp_"), R"(\b(rzp_(?:live|test)_[A-Za-z0-9]{14})\b)"));
  r.push_back(TOK("flutterwave-secret-key", "Flutterwave secret key", ("flwseck"), R"(\b(FLWSECK(?:_TEST)?-[a-f0-9]{32}-X)\b)"));
  r.push_back(TOK("mollie-api-key", "Mollie API key", ("live_", "test_"), R"(\b((?:live|test)_[A-Za-z0-9]{30})\b)"));
  r.push_back(TOK("gocardless-access-token", "GoCardless access token", ("live_", "sandbox_"), R"(\b((?:live|sandbox)_[A-Za-z0-9_-]{40}))" END));
  r.push_back(TOK("plaid-access-token", "Plaid access token", ("access-production-", "access-sandbox-", "access-development-"),
                  R"(\b(access-(?:production|sandbox|development)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b)"));
  r.push_back(TOK("shippo-api-token", "Shippo API token", ("shippo_"), R"(\b(shippo_(?:live|test)_[a-f0-9]{40})\b)"));
  r.push_back(TOK("easypost-api-key", "EasyPost API key", ("ezak", "eztk"), R"(\b(EZ[AT]K[A-Za-z0-9]{54})\b)"));
  r.push_back(TOK("duffel-api-token", "Duffel API token", ("duffel_"), R"(\b(duffel_(?:test|live)_[A-Za-z0-9_-]{43}))" END));
  r.push_back(TOKE("coinbase-api-secret", "Coinbase API secret", ("coinbase"), CTX("coinbase") R"(([A-Za-z0-9+/]{64,88}={0,2}))", 4));

  // --- AI platforms ---
  r.push_back(TOK("openai-api-key", "OpenAI API key", ("t3blbkfj"),
                  R"(\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,160}T3BlbkFJ[A-Za-z0-9_-]{20,160}))" END));
  r.push_back(TOKE("openai-project-key", "OpenAI project API key", ("sk-proj-", "sk-svcacct-"), R"(\b(sk-(?:proj|svcacct)-[A-Za-z0-9_-]{80,200}))" END, 4));
  r.push_back(TOK("anthropic-api-key", "Anthropic API key", ("sk-ant-"), R"(\b(sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA))" END));
  r.push_back(TOK("huggingface-token", "Hugging Face access token", ("hf_"), R"(\b(hf_[A-Za-z]{34})\b)"));
  r.push_back(TOK("groq-api-key", "Groq API key", ("gsk_"), R"(\b(gsk_[A-Za-z0-9]{52})\b)"));
  r.push_back(TOK("replicate-api-token", "Replicate API token", ("r8_"), R"(\b(r8_[A-Za-z0-9]{37})\b)"));
  r.push_back(TOK("perplexity-api-key", "Perplexity API key", ("pplx-"), R"(\b(pplx-[A-Za-z0-9]{48})\b)"));
  r.push_back(TOK("xai-api-key", "xAI API key", ("xai-"), R"(\b(xai-[A-Za-z0-9]{80})\b)"));
  r.push_back(TOKE("cohere-api-key", "Cohere API key", ("cohere"), CTX("cohere") R"(([A-Za-z0-9]{40}))" END, 3.5));
  r.push_back(TOKE("mistral-api-key", "Mistral AI API key", ("mistral"), CTX("mistral") R"(([A-Za-z0-9]{32}))" END, 3.5));
  r.push_back(TOKE("deepseek-api-key", "DeepSeek API key", ("deepseek"), CTX("deepseek") R"((sk-[a-f0-9]{32}))" END, 3));
  r.push_back(TOK("langsmith-api-key", "LangSmith API key", ("lsv2_"), R"(\b(lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})\b)"));
  r.push_back(TOK("pinecone-api-key", "Pinecone API key", ("pcsk_"), R"(\b(pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{50,80})\b)"));

  // --- Monitoring, productivity, other SaaS ---
  r.push_back(TOK("grafana-cloud-token", "Grafana Cloud access policy token", ("glc_"), R"(\b(glc_[A-Za-z0-9+/]{32,400}={0,2}))"));
  r.push_back(TOK("grafana-service-account-token", "Grafana service account token", ("glsa_"), R"(\b(glsa_[A-Za-z0-9]{32}_[a-f0-9]{8})\b)"));
  r.push_back(TOK("grafana-api-key", "Grafana API key (legacy)", ("eyjrijoi"), R"(\b(eyJrIjoi[A-Za-z0-9]{70,400}={0,2}))"));
  r.push_back(TOK("sentry-user-token", "Sentry user auth token", ("sntryu_"), R"(\b(sntryu_[a-f0-9]{64})\b)"));
  r.push_back(TOK("sentry-org-token", "Sentry organisation auth token", ("sntrys_"), R"(\b(sntrys_eyJ[A-Za-z0-9+/=_-]{50,400}_[A-Za-z0-9+/]{43}))"));
  r.push_back(TOK("newrelic-user-api-key", "New Relic user API key", ("nrak-"), R"(\b(NRAK-[A-Z0-9]{27})\b)"));
  r.push_back(TOK("newrelic-insert-key", "New Relic insert key", ("nrii-"), R"(\b(NRII-[A-Za-z0-9_-]{32}))" END));
  r.push_back(TOK("newrelic-browser-key", "New Relic browser API token", ("nrjs-"), R"(\b(NRJS-[a-f0-9]{19})\b)"));
  r.push_back(TOKE("datadog-api-key", "Datadog API key", ("datadog", "dd_api_key", "dd-api-key"),
                   R"((?i)(?:datadog|dd)[\w.-]{0,20}api[\w.-]{0,5}key["']?\s*(?:=|:=|=>|:)\s*["'\x60]?([a-f0-9]{32}))" END, 3));
  r.push_back(TOKE("datadog-app-key", "Datadog application key", ("datadog", "dd_app_key", "dd-application-key", "dd_application_key"),
                   R"((?i)(?:datadog|dd)[\w.-]{0,20}app(?:lication)?[\w.-]{0,5}key["']?\s*(?:=|:=|=>|:)\s*["'\x60]?([a-f0-9]{40}))" END, 3));
  r.push_back(TOK("dynatrace-api-token", "Dynatrace API token", ("dt0c01."), R"(\b(dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})\b)"));
  r.push_back(TOK("launchdarkly-key", "LaunchDarkly SDK, mobile or API key", ("sdk-", "mob-", "api-"),
                  R"(\b((?:api|sdk|mob)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b)"));
  r.push_back(TOK("figma-pat", "Figma personal access token", ("figd_"), R"(\b(figd_[A-Za-z0-9_-]{40}))" END));
  r.push_back(TOK("linear-api-key", "Linear API key", ("lin_api_"), R"(\b(lin_api_[A-Za-z0-9]{40})\b)"));
  r.push_back(TOK("notion-integration-token", "Notion integration token", ("secret_"), R"(\b(secret_[A-Za-z0-9]{43})\b)"));
  r.push_back(TOK("notion-api-token", "Notion API token", ("ntn_"), R"(\b(ntn_[0-9]{11}[A-Za-z0-9]{35})\b)"));
  r.push_back(TOK("hubspot-private-app-token", "HubSpot private app token", ("pat-na1-", "pat-eu1-"),
                  R"(\b(pat-(?:na|eu)1-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b)"));
  r.push_back(TOKE("asana-pat", "Asana personal access token", ("asana"), CTX("asana") R"(([0-9]/[0-9]{16}(?:/[0-9]{16})?:[A-Za-z0-9]{32}))", 3));
  r.push_back(TOK("shopify-access-token", "Shopify Admin API access token", ("shpat_"), R"(\b(shpat_[a-fA-F0-9]{32})\b)"));
  r.push_back(TOK("shopify-custom-app-token", "Shopify custom app access token", ("shpca_"), R"(\b(shpca_[a-fA-F0-9]{32})\b)"));
  r.push_back(TOK("shopify-private-app-token", "Shopify private app password", ("shppa_"), R"(\b(shppa_[a-fA-F0-9]{32})\b)"));
  r.push_back(TOK("shopify-shared-secret", "Shopify app shared secret", ("shpss_"), R"(\b(shpss_[a-fA-F0-9]{32})\b)"));
  r.push_back(TOK("typeform-pat", "Typeform personal access token", ("tfp_"), R"(\b(tfp_[A-Za-z0-9_.=-]{59}))" END));
  r.push_back(TOK("contentful-pat", "Contentful personal access token", ("cfpat-"), R"(\b(CFPAT-[A-Za-z0-9_-]{43}))" END));
  r.push_back(TOK("dropbox-access-token", "Dropbox short-lived access token", ("sl."), R"(\b(sl\.[A-Za-z0-9_-]{130,152}))" END));
  r.push_back(TOK("mapbox-secret-token", "Mapbox secret access token", ("sk.eyj"), R"(\b(sk\.eyJ[A-Za-z0-9_-]{50,}\.[A-Za-z0-9_-]{20,}))"));
  r.push_back(TOKE("okta-api-token", "Okta API token", ("okta"), CTX("okta") R"((00[A-Za-z0-9_-]{40}))" END, 3.5));
  r.push_back(TOK("twitter-bearer-token", "X (Twitter) app bearer token", ("aaaaaaaaaaaaaaaaaaaaa"), R"((AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{30,120}))"));
  r.push_back(TOKE("facebook-access-token", "Facebook / Meta access token", ("eaa"), R"(\b(EAA[A-Za-z0-9]{90,300})\b)", 3.5));
  r.push_back(TOKE("facebook-app-secret", "Facebook / Meta app secret", ("facebook", "fb_app", "meta_app"),
                   CTX("(?:facebook|fb_app|meta_app)") R"(([a-f0-9]{32}))" END, 3));
  r.push_back(TOKE("algolia-admin-key", "Algolia admin API key", ("algolia"), CTX("algolia") R"(([a-f0-9]{32}))" END, 3));
}

}  // namespace clef::scan
