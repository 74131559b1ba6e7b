#include "propdesk/notification_routing.hpp"

#include <algorithm>
#include <set>

namespace propdesk {

namespace {

// [A-Za-z][A-Za-z0-9_]*, as names are everywhere in the configuration.
bool is_name(std::string_view s) {
  const auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.empty() || !alpha(s.front())) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return alpha(c) || digit(c) || c == '_'; });
}

}  // namespace

std::vector<const NotificationChannel*> NotificationRouting::route(
    const NotificationRequest& request) const {
  std::vector<const NotificationChannel*> out;
  for (const NotificationChannel& c : channels) {
    const bool takes =
        request.to_role
            ? std::any_of(c.roles.begin(), c.roles.end(),
                          [&](const std::string& r) { return r == kEveryRole || r == request.to; })
            : c.people;
    if (takes) out.push_back(&c);
  }
  return out;
}

std::string check_routing(const NotificationRouting& routing) {
  std::set<std::string, std::less<>> names;
  for (const NotificationChannel& c : routing.channels) {
    if (!is_name(c.name))
      return "channel name '" + c.name + "' is not a name ([A-Za-z][A-Za-z0-9_]*)";
    if (!names.insert(c.name).second) return "two channels are named '" + c.name + "'";
    for (const std::string& role : c.roles)
      if (role != kEveryRole && !is_name(role))
        return "channel '" + c.name + "': role '" + role + "' is neither a role name nor \"*\"";
    if (c.roles.empty() && !c.people)
      return "channel '" + c.name + "' takes no role and no person";
  }
  return {};
}

}  // namespace propdesk
