// The shipped `email` notifier (plugins/email, propdesk_notify_email.so) against a real SMTP server
// on 127.0.0.1 (smtp_receiver.py, Debian's python3-aiosmtpd), which decodes what it receives with
// Python's own e-mail parser: a Chinese subject and body arrive as written; recipients from the
// settings or the recipient itself; the server's answers; STARTTLS and smtps with verification;
// AUTH; a server that never answers; settings that are refused.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <sstream>

#include "plugin_test_support.hpp"
#include "propdesk/notification_renderer.hpp"
#include "script_server.hpp"

namespace propdesk {
namespace {

using plugin_testing::failures;
using plugin_testing::repair_ticket;
using plugin_testing::repair_workflow;
using plugin_testing::ScratchDir;
using plugin_testing::ScriptServer;
using plugin_testing::shipped;

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// smtp_receiver.py with its options ("--starttls", cert, key, "--auth", user, password ...).
class SmtpReceiver {
 public:
  SmtpReceiver(std::filesystem::path log, const std::vector<std::string>& args)
      : server_(PROPDESK_SMTP_RECEIVER, std::move(log), args) {}
  [[nodiscard]] std::string url(const std::string& scheme = "smtp") const {
    return scheme + "://127.0.0.1:" + std::to_string(server_.port());
  }
  /// The messages received: {mail_from, rcpt_tos, tls, auth, subject, body, headers, raw_headers,
  /// content_type, charset, transfer_encoding, raw}.
  [[nodiscard]] std::vector<nlohmann::json> messages() const { return server_.received(); }

 private:
  ScriptServer server_;
};

// A TCP port that accepts connections (the kernel does) but never says a word.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof a;
    if (fd_ < 0 || ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd_, 4) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &size) != 0)
      throw std::runtime_error("cannot listen on 127.0.0.1");
    port_ = ntohs(a.sin_port);
  }
  ~SilentServer() { ::close(fd_); }
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  [[nodiscard]] int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

class EmailPlugin : public testing::Test {
 protected:
  void SetUp() override {
    const PluginLoadReport report = load_plugins(registry_, {{shipped("propdesk_notify_email")}, {}, true});
    ASSERT_TRUE(report.ok()) << failures(report);
    type_ = registry_.notifier_type("email");
    ASSERT_TRUE(type_);
  }

  // The repair workflow's work order to the repairer li, as rendered for a channel.
  static Notification work_order() {
    Ticket t = repair_ticket();
    t.state = "dispatched";
    t.assignee = "li";
    t.version = 2;
    RenderOptions options;
    options.link_base = "https://desk.example.com/t/";
    Notification n = render_notification(*repair_workflow(), t, {"assignee", false, "work_order"},
                                         {"dispatch", {"wang", "front_desk"}, *parse_time("2026-11-26T09:05:00+08:00")},
                                         options);
    n.recipient = "li";
    n.recipient_is_role = false;
    return n;
  }

  Settings settings(const SmtpReceiver& server, Settings more = {}) const {
    Settings s{{"url", server.url()}, {"from", "desk@example.com"}};
    for (auto& [k, v] : more) s.insert_or_assign(k, v);
    return s;
  }

  std::string create_error(const Settings& s) const {
    try {
      (void)type_->create(s);
    } catch (const std::invalid_argument& e) {
      return e.what();
    }
    return "(no error)";
  }

  ScratchDir dir_;
  PluginRegistry registry_;
  std::shared_ptr<const NotifierType> type_;
};

TEST_F(EmailPlugin, AChineseSubjectAndBodyArriveAsWritten) {
  SmtpReceiver server(dir_.path("mail.jsonl"), {});
  auto mail = type_->create(settings(server, {{"from_name", "万科物业前台"}, {"to.li", "li@example.com"}}));
  const Notification n = work_order();
  const DeliveryResult r = mail->send(n);
  ASSERT_TRUE(r.delivered()) << r.error;

  const auto messages = server.messages();
  ASSERT_EQ(messages.size(), 1u);
  const auto& m = messages[0];
  EXPECT_EQ(m["mail_from"], "desk@example.com");
  EXPECT_EQ(m["rcpt_tos"], nlohmann::json::array({"li@example.com"}));
  // Decoded by Python's e-mail parser, as a mail program would show it.
  EXPECT_EQ(m["subject"], "派工单 BX-20261126-0007");
  const std::string body = m["body"];
  EXPECT_EQ(body, n.body + "\n\n-- 已派工 · BX-20261126-0007\n") << body;  // the body holds the link already
  EXPECT_TRUE(contains(body, "3-2-1201（plumbing）：厨房水管漏水。请在 ")) << body;
  EXPECT_EQ(m["content_type"], "text/plain");
  EXPECT_EQ(m["charset"], "utf-8");
  EXPECT_EQ(m["transfer_encoding"], "base64");
  EXPECT_EQ(m["headers"]["From"], "万科物业前台 <desk@example.com>");
  EXPECT_EQ(m["headers"]["To"], "li@example.com");
  EXPECT_EQ(m["headers"]["X-Propdesk-Ticket"], "BX-20261126-0007");
  EXPECT_EQ(m["headers"]["Message-ID"], "<7=3A2=3Awork_order=3Aassignee@example.com>");
  // On the wire the headers are ASCII: RFC 2047 encoded words.
  EXPECT_EQ(m["raw_headers"]["Subject"].get<std::string>().rfind("=?UTF-8?B?", 0), 0u) << m["raw_headers"];
  const std::string raw = m["raw"];
  EXPECT_TRUE(std::all_of(raw.begin(), raw.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; }));
}

TEST_F(EmailPlugin, ALongSubjectIsFoldedAndStillReadsTheSame) {
  SmtpReceiver server(dir_.path("mail.jsonl"), {});
  auto mail = type_->create(settings(server, {{"to", "desk@example.com"}}));
  Notification n = work_order();
  n.subject = "紧急报修：3号楼2单元1201室厨房水管爆裂，水已经漫到楼下1101室的天花板，请立即派维修师傅上门处理并通知业主";
  n.body = "第一行\n第二行\r\n第三行";
  ASSERT_TRUE(mail->send(n).delivered());
  const auto m = server.messages().at(0);
  EXPECT_EQ(m["subject"], n.subject);
  EXPECT_EQ(m["body"].get<std::string>().rfind("第一行\n第二行\n第三行\n\n-- 已派工", 0), 0u) << m["body"];
  std::istringstream raw(m["raw"].get<std::string>());
  int lines = 0;
  for (std::string line; std::getline(raw, line);) {
    EXPECT_LE(line.size(), 79u) << line;  // 78 and the CR
    ++lines;
  }
  EXPECT_GT(lines, 10);
}

TEST_F(EmailPlugin, RecipientsFromTheSettingsOrTheRecipientItself) {
  SmtpReceiver server(dir_.path("mail.jsonl"), {});
  auto mail = type_->create(settings(server, {{"to.supervisor", "zhang@example.com, chen@example.com"},
                                              {"to", "desk@example.com"}}));
  Notification n = work_order();
  n.recipient = "supervisor";
  n.recipient_is_role = true;
  ASSERT_TRUE(mail->send(n).delivered());
  n.recipient = "wang.li@example.com";  // a user id that is an address
  n.recipient_is_role = false;
  ASSERT_TRUE(mail->send(n).delivered());
  n.recipient = "manager";  // neither: the default
  ASSERT_TRUE(mail->send(n).delivered());
  const auto messages = server.messages();
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0]["rcpt_tos"], nlohmann::json::array({"zhang@example.com", "chen@example.com"}));
  EXPECT_EQ(messages[0]["headers"]["To"], "zhang@example.com, chen@example.com");
  EXPECT_EQ(messages[1]["rcpt_tos"], nlohmann::json::array({"wang.li@example.com"}));
  EXPECT_EQ(messages[2]["rcpt_tos"], nlohmann::json::array({"desk@example.com"}));

  // Without a default, a recipient with no address fails (retrying would not find one).
  auto strict = type_->create(settings(server, {{"to.supervisor", "zhang@example.com"}}));
  n.recipient = "manager";
  n.recipient_is_role = true;
  const DeliveryResult r = strict->send(n);
  EXPECT_EQ(r.status, DeliveryStatus::kFailed);
  EXPECT_EQ(r.error, "notifier 'email' (plugin 'notify_email'): no address for role 'manager' (set 'to.manager' or 'to')");
  EXPECT_EQ(server.messages().size(), 3u);
}

TEST_F(EmailPlugin, TheServersAnswersDecideBetweenRetryAndFailure) {
  SmtpReceiver server(dir_.path("mail.jsonl"), {});
  const DeliveryResult busy = type_->create(settings(server, {{"to", "busy@example.com"}}))->send(work_order());
  EXPECT_EQ(busy.status, DeliveryStatus::kRetry);
  EXPECT_TRUE(contains(busy.error, "SMTP 451: ")) << busy.error;
  const DeliveryResult unknown = type_->create(settings(server, {{"to", "nobody@example.com"}}))->send(work_order());
  EXPECT_EQ(unknown.status, DeliveryStatus::kFailed);
  EXPECT_TRUE(contains(unknown.error, "SMTP 550: ")) << unknown.error;
  // One recipient refused: the message goes to nobody (a retry would send it twice otherwise).
  const DeliveryResult mixed =
      type_->create(settings(server, {{"to", "li@example.com, busy@example.com"}}))->send(work_order());
  EXPECT_EQ(mixed.status, DeliveryStatus::kRetry);
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(EmailPlugin, StartTlsIsVerifiedAndRequiredWhenAsked) {
  const auto [cert, key] = plugin_testing::make_test_certificate(dir_);
  SmtpReceiver server(dir_.path("mail.jsonl"), {"--starttls", cert, key});
  const Settings tls{{"to", "li@example.com"}, {"starttls", "true"}};

  Settings trusted = settings(server, tls);
  trusted["ca_file"] = cert;
  const DeliveryResult ok = type_->create(trusted)->send(work_order());
  ASSERT_TRUE(ok.delivered()) << ok.error;
  ASSERT_EQ(server.messages().size(), 1u);
  EXPECT_EQ(server.messages()[0]["tls"], true);
  EXPECT_EQ(server.messages()[0]["subject"], "派工单 BX-20261126-0007");

  const DeliveryResult untrusted = type_->create(settings(server, tls))->send(work_order());
  EXPECT_EQ(untrusted.status, DeliveryStatus::kFailed);
  EXPECT_TRUE(contains(untrusted.error, "TLS verification failed: ")) << untrusted.error;

  // This server wants STARTTLS before MAIL: a channel without it is refused for good.
  const DeliveryResult plain = type_->create(settings(server, {{"to", "li@example.com"}}))->send(work_order());
  EXPECT_EQ(plain.status, DeliveryStatus::kFailed);
  EXPECT_TRUE(contains(plain.error, "SMTP 530: ")) << plain.error;
  EXPECT_EQ(server.messages().size(), 1u);
}

TEST_F(EmailPlugin, StartTlsRequiredFailsOnAServerWithoutIt) {
  SmtpReceiver server(dir_.path("mail.jsonl"), {});
  const DeliveryResult r =
      type_->create(settings(server, {{"to", "li@example.com"}, {"starttls", "true"}}))->send(work_order());
  EXPECT_EQ(r.status, DeliveryStatus::kFailed);
  EXPECT_TRUE(contains(r.error, "the server does not offer STARTTLS")) << r.error;
  EXPECT_TRUE(server.messages().empty());
}

TEST_F(EmailPlugin, SmtpsSpeaksTlsFromTheStart) {
  const auto [cert, key] = plugin_testing::make_test_certificate(dir_);
  SmtpReceiver server(dir_.path("mail.jsonl"), {"--smtps", cert, key});
  Settings s = settings(server, {{"to", "li@example.com"}, {"ca_file", cert}});
  s["url"] = server.url("smtps");
  const DeliveryResult r = type_->create(s)->send(work_order());
  ASSERT_TRUE(r.delivered()) << r.error;
  EXPECT_EQ(server.messages().at(0)["tls"], true);
}

TEST_F(EmailPlugin, LogsInOverTls) {
  const auto [cert, key] = plugin_testing::make_test_certificate(dir_);
  SmtpReceiver server(dir_.path("mail.jsonl"), {"--starttls", cert, key, "--auth", "desk", "s3cret"});
  Settings s = settings(server, {{"to", "li@example.com"}, {"starttls", "true"}, {"ca_file", cert},
                                 {"username", "desk"}, {"password", "s3cret"}});
  const DeliveryResult ok = type_->create(s)->send(work_order());
  ASSERT_TRUE(ok.delivered()) << ok.error;
  EXPECT_EQ(server.messages().at(0)["auth"], true);
  s["password"] = "wrong";
  const DeliveryResult denied = type_->create(s)->send(work_order());
  EXPECT_EQ(denied.status, DeliveryStatus::kFailed);
  EXPECT_TRUE(contains(denied.error, "login denied")) << denied.error;
  EXPECT_EQ(server.messages().size(), 1u);
}

TEST_F(EmailPlugin, AServerThatNeverAnswersTimesOut) {
  SilentServer silent;
  Settings s{{"url", "smtp://127.0.0.1:" + std::to_string(silent.port())},
             {"from", "desk@example.com"},
             {"to", "li@example.com"},
             {"timeout_ms", "700"}};
  const auto start = std::chrono::steady_clock::now();
  const DeliveryResult r = type_->create(s)->send(work_order());
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status, DeliveryStatus::kRetry);
  EXPECT_TRUE(contains(r.error, "no answer within 700 ms")) << r.error;
  EXPECT_GE(took, std::chrono::milliseconds(600));
  EXPECT_LT(took, std::chrono::seconds(5));
}

TEST_F(EmailPlugin, NobodyListeningIsARetry) {
  int port = 0;
  {
    SilentServer gone;  // a port that was free a moment ago
    port = gone.port();
  }
  const DeliveryResult r = type_->create({{"url", "smtp://127.0.0.1:" + std::to_string(port)},
                                          {"from", "desk@example.com"},
                                          {"to", "li@example.com"}})
                               ->send(work_order());
  EXPECT_EQ(r.status, DeliveryStatus::kRetry);
  EXPECT_TRUE(contains(r.error, "onnect")) << r.error;
}

TEST_F(EmailPlugin, BadSettingsAreClearErrors) {
  const std::string who = "notifier 'email' (plugin 'notify_email'): ";
  const Settings base{{"url", "smtp://mail.example.com"}, {"from", "desk@example.com"}};
  const auto with = [&](Settings more) {
    Settings s = base;
    for (auto& [k, v] : more) s.insert_or_assign(k, v);
    return create_error(s);
  };
  EXPECT_EQ(create_error({{"from", "desk@example.com"}}), who + "setting 'url' is required");
  EXPECT_EQ(with({{"url", "http://mail.example.com"}}),
            who + "setting 'url' must start with smtp:// or smtps://, not 'http://mail.example.com'");
  EXPECT_EQ(create_error({{"url", "smtp://mail.example.com"}}), who + "setting 'from' is required");
  EXPECT_EQ(with({{"from", "前台"}}), who + "setting 'from': '前台' is not an e-mail address");
  EXPECT_EQ(with({{"to", "li@example.com, wang"}}),
            who + "setting 'to': 'wang' is not an e-mail address (write local@domain, several separated by commas)");
  // A line break cannot smuggle in a header (the message shows it as two spaces).
  EXPECT_EQ(with({{"to.supervisor", "a@x.com\r\nBcc: spy@x.com"}}),
            who + "setting 'to.supervisor': 'a@x.com  Bcc: spy@x.com' is not an e-mail address (write "
                  "local@domain, several separated by commas)");
  EXPECT_EQ(with({{"password", "p"}}), who + "settings 'username' and 'password' go together");
  EXPECT_EQ(with({{"username", "u"}, {"password", "p"}}),
            who + "setting 'password' needs TLS (smtps://, or starttls: true): a password is never sent in the clear");
  EXPECT_EQ(with({{"url", "smtps://mail.example.com"}, {"starttls", "true"}}),
            who + "setting 'starttls' is for smtp:// (smtps:// speaks TLS from the start)");
  EXPECT_EQ(with({{"starttls", "maybe"}}), who + "setting 'starttls' must be true or false, not 'maybe'");
  EXPECT_EQ(with({{"timeout_ms", "0"}}), who + "setting 'timeout_ms' must be an integer from 1 to 600000, not '0'");
  EXPECT_EQ(with({{"verify_tls", "false"}}),
            who + "unknown setting 'verify_tls' (known: url, from, from_name, to, starttls, username, "
                  "password, ca_file, timeout_ms, connect_timeout_ms, to.NAME)");
  EXPECT_EQ(with({{"to.", "a@example.com"}}),
            who + "unknown setting 'to.' (known: url, from, from_name, to, starttls, username, "
                  "password, ca_file, timeout_ms, connect_timeout_ms, to.NAME)");
  EXPECT_EQ(with({}), "(no error)");
}

}  // namespace
}  // namespace propdesk
