#include "lmdb_database.hpp"

namespace propdesk::plugins {

LmdbDatabase::LmdbDatabase(const sdk::SettingsView& settings) : environment_(LmdbSettings::read(settings)) {}

}  // namespace propdesk::plugins
