// The `email` notifier (plugin notify_email): sends each notification as an e-mail over SMTP with
// libcurl, subject and text in UTF-8 (RFC 2047 subject, text/plain; charset=UTF-8 body in Base64).
// Settings:
//   url                 smtp://host[:port] or smtps://host[:port] (required)
//   from                the sender's address (required); from_name its display name (UTF-8)
//   to.NAME             the addresses for recipient NAME (a role or a user id), comma-separated
//   to                  the addresses for any other recipient
//   starttls            true: upgrade smtp:// with STARTTLS and fail when the server cannot
//   username, password  SMTP AUTH; a password only over TLS (smtps:// or starttls: true)
//   ca_file, timeout_ms, connect_timeout_ms   as for every network plugin (common/curl_transfer)
// A notification goes to to.<recipient>, else to the recipient itself when it is an address (a
// user id such as li.ming@example.com), else to `to`; with none of these it fails. The server's
// 4xx answers, timeouts and lost connections are retries; 5xx answers, TLS verification failures,
// a server without STARTTLS when it is required and refused logins are failures. The Message-ID
// comes from the notification's idempotency key, the same for every attempt.
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "common/curl_transfer.hpp"
#include "email/email_format.hpp"
#include "email/mail_address.hpp"
#include "email/mail_message.hpp"
#include "email/smtp_send.hpp"
#include "propdesk/plugin_sdk.hpp"

namespace {

namespace sdk = propdesk::sdk;
namespace plugins = propdesk::plugins;

constexpr std::string_view kToPrefix = "to.";

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

class EmailNotifier {
 public:
  explicit EmailNotifier(const sdk::SettingsView& s) {
    read_recipients(s);
    plugins::SmtpOptions smtp;
    smtp.url = s.require("url");
    const bool smtps = starts_with(smtp.url, "smtps://");
    if (!smtps && !starts_with(smtp.url, "smtp://"))
      throw sdk::Error(PROPDESK_STATUS_INVALID, "setting 'url' must start with smtp:// or smtps://, not '" + smtp.url + "'");
    if (smtp.url.find_first_of("\r\n ") != std::string::npos)
      throw sdk::Error(PROPDESK_STATUS_INVALID, "setting 'url' must not contain spaces or line breaks");
    smtp.starttls = s.get_bool("starttls", false);
    if (smtps && smtp.starttls)
      throw sdk::Error(PROPDESK_STATUS_INVALID,
                       "setting 'starttls' is for smtp:// (smtps:// speaks TLS from the start)");
    from_ = s.require("from");
    if (!plugins::is_mail_address(from_))
      throw sdk::Error(PROPDESK_STATUS_INVALID, "setting 'from': '" + from_ + "' is not an e-mail address");
    from_name_ = s.get("from_name");
    smtp.username = s.get("username");
    smtp.password = s.get("password");
    if (smtp.username.empty() != smtp.password.empty())
      throw sdk::Error(PROPDESK_STATUS_INVALID, "settings 'username' and 'password' go together");
    if (!smtp.password.empty() && !smtps && !smtp.starttls) {
      throw sdk::Error(PROPDESK_STATUS_INVALID,
                       "setting 'password' needs TLS (smtps://, or starttls: true): a password is never sent in "
                       "the clear");
    }
    smtp.transfer = plugins::read_transfer_options(s);
    sender_ = std::make_unique<plugins::SmtpSender>(std::move(smtp));
  }

  void send(const propdesk_notification& n) {
    plugins::MailParts mail;
    mail.from = from_;
    mail.from_name = from_name_;
    mail.to = recipients(n);
    mail.subject = plugins::email_subject(n);
    mail.body = plugins::email_body(n);
    mail.message_id = plugins::message_id(sdk::view(n.idempotency_key), plugins::mail_domain(from_));
    mail.date = std::chrono::system_clock::now();
    mail.extra_headers = {{"X-Propdesk-Ticket", std::string(sdk::view(n.ticket_code))}};
    const plugins::SmtpAnswer a = sender_->send(from_, mail.to, plugins::mail_message(mail));
    if (!a.delivered) throw sdk::Error(a.retry ? PROPDESK_STATUS_RETRY : PROPDESK_STATUS_FAILED, a.error);
  }

 private:
  // Checks the keys (a typo must not pass silently) and reads to and to.NAME.
  void read_recipients(const sdk::SettingsView& s) {
    s.allow_only({"url", "from", "from_name", "to", "starttls", "username", "password", "ca_file", "timeout_ms",
                  "connect_timeout_ms"},
                 {kToPrefix});
    for (std::size_t i = 0; i < s.size(); ++i) {
      const std::string key(s.key(i));
      if (starts_with(key, kToPrefix) && key.size() > kToPrefix.size())
        to_by_recipient_[key.substr(kToPrefix.size())] = plugins::mail_address_list(s.value(i), key);
    }
    if (const auto to = s.find("to")) default_to_ = plugins::mail_address_list(*to, "to");
  }

  std::vector<std::string> recipients(const propdesk_notification& n) const {
    const std::string recipient(sdk::view(n.recipient));
    if (const auto it = to_by_recipient_.find(recipient); it != to_by_recipient_.end()) return it->second;
    if (plugins::is_mail_address(recipient)) return {recipient};
    if (!default_to_.empty()) return default_to_;
    throw sdk::Error(PROPDESK_STATUS_FAILED, "no address for " + std::string(n.recipient_is_role ? "role" : "user") +
                                                 " '" + recipient + "' (set 'to." + recipient + "' or 'to')");
  }

  std::string from_;
  std::string from_name_;
  std::map<std::string, std::vector<std::string>, std::less<>> to_by_recipient_;
  std::vector<std::string> default_to_;
  std::unique_ptr<plugins::SmtpSender> sender_;
};

void register_email(const propdesk_host& host) {
  plugins::curl_init_once();  // before any thread sends
  sdk::add_notifier<EmailNotifier>(host, "email", "sends notifications as UTF-8 e-mail over SMTP (STARTTLS, smtps)");
}

}  // namespace

PROPDESK_DEFINE_PLUGIN("notify_email", PROPDESK_PLUGIN_VERSION, "e-mail over SMTP, subject and text in UTF-8",
                       register_email)
