# lamina's layers, bottom to top, as ARCHITECTURE.md draws them. Each is a static library of the
# sources listed here (listed, never globbed) that links only the layers below it that it names
# (BELOW) and the third-party libraries it alone uses (USES). cmake/check_layers.cmake, run before
# any of them compiles, fails the build on an #include that reaches a layer not named below, or a
# third-party header that another layer owns.

lamina_layer(util
  BELOW
  SOURCES duration.cc env.cc file_io.cc glob.cc glob_set.cc json_text.cc markdown.cc spawn.cc
           text.cc time_format.cc workflow_command.cc
  HEADERS duration.h embedded.h env.h error.h file_io.h glob.h glob_set.h json_text.h markdown.h
           spawn.h text.h time_format.h utf8.h workflow_command.h)

lamina_layer(model
  BELOW util
  SOURCES coverage_gap.cc finding.cc fingerprint.cc layer.cc paths.cc severity.cc
           workspace_mapping.cc
  HEADERS coverage_gap.h finding.h fingerprint.h layer.h output_source.h paths.h severity.h
           workspace_mapping.h)

lamina_layer(ci
  BELOW model util
  USES NLOHMANN
  SOURCES ci_context.cc detect.cc event_payload.cc github_context.cc github_push.cc
           gitlab_context.cc overrides.cc parallel_job.cc revision_text.cc
  HEADERS ci_context.h detect.h event_payload.h overrides.h parallel_job.h providers.h
           revision_text.h)

lamina_layer(git
  BELOW ci util
  USES LIBGIT2
  SOURCES blob_kind.cc change_set.cc commit_resolver.cc compute_change_set.cc diff_changes.cc
           file_at_commit.cc fix_command.cc git_fetcher.cc git_library.cc line_ranges.cc
           local_upstream.cc persisted_credentials.cc repository.cc stage_deadline.cc
           staged_changes.cc tracked_files.cc tracked_path.cc
  HEADERS blob_kind.h change_set.h commit_resolver.h compute_change_set.h diff_changes.h
           file_at_commit.h fix_command.h git_fetcher.h git_library.h line_ranges.h local_upstream.h
           persisted_credentials.h repository.h stage_deadline.h staged_changes.h tracked_files.h
           tracked_path.h)

lamina_layer(catalog
  BELOW model util
  USES YAMLCPP
  SOURCES catalog.cc near_miss.cc output_formats.cc placeholders.cc scanner_spec.cc spec_reader.cc
           yaml_reader.cc
  HEADERS catalog.h near_miss.h output_formats.h placeholders.h scanner_spec.h spec_reader.h
           yaml_reader.h)

lamina_layer(config
  BELOW catalog util
  USES YAMLCPP
  SOURCES config_from.cc effective_catalog.cc load_settings.cc
  HEADERS config_from.h load_settings.h setting_flags.h settings.h)

lamina_layer(artifact
  BELOW model util
  USES LIBARCHIVE NLOHMANN
  SOURCES archive_stream.cc artifact_location.cc confined_tree.cc entry_path.cc image_manifest.cc
           image_source.cc layered_tree.cc prepared_artifact.cc temp_root.cc unpack_interrupts.cc
  HEADERS archive_stream.h artifact_location.h confined_tree.h entry_path.h image_manifest.h
           image_source.h layered_tree.h prepared_artifact.h temp_root.h unpack_interrupts.h
           unpack_limits.h)

lamina_layer(plan
  BELOW config catalog git model util
  USES NLOHMANN
  SOURCES argv_batches.cc coverage.cc exclusions.cc file_selection.cc file_types.cc make_plan.cc
           plan_output.cc project_roots.cc shards.cc shebang.cc
  HEADERS argv_batches.h coverage.h exclusions.h file_selection.h file_types.h make_plan.h plan.h
           plan_output.h project_roots.h shards.h shebang.h)

lamina_layer(exec
  BELOW plan util
  USES NLOHMANN
  SOURCES capture.cc orphans.cc out_token.cc progress.cc progress_ci.cc progress_terminal.cc
           run_dir.cc run_result.cc runner.cc scanner_configs.cc scanner_env.cc schedule.cc
           signal_watch.cc target_probe.cc timings.cc
  HEADERS capture.h orphans.h out_token.h progress.h run_dir.h run_result.h runner.h
           scanner_configs.h scanner_env.h schedule.h signal_watch.h target_probe.h timings.h)

lamina_layer(parse
  BELOW model util
  USES PUGIXML NLOHMANN
  SOURCES bandit_json.cc checkstyle.cc clamscan.cc codespell.cc cppcheck_xml.cc cyclonedx_json.cc
           gcc.cc gitleaks_json.cc line_formats.cc npm_audit_json.cc nuclei_jsonl.cc parse.cc
           parse_support.cc
           sarif.cc sarif_code_flows.cc sarif_result.cc sarif_run.cc sarif_stream.cc
           shellcheck_json1.cc trivy_json.cc wapiti_json.cc xml_support.cc yamllint_parsable.cc
           zap_json.cc
  HEADERS line_formats.h parse.h parse_support.h parsers.h sarif.h sarif_code_flows.h sarif_result.h
           sarif_run.h sarif_stream.h xml_support.h)

lamina_layer(outcome
  BELOW parse exec artifact git ci model util
  SOURCES added_suppressions.cc classify.cc coverage_outcome.cc diff_filter.cc evaluate.cc gate.cc
           scan_result.cc
  HEADERS added_suppressions.h classify.h coverage_outcome.h diff_filter.h evaluate.h gate.h
           scan_result.h)

lamina_layer(report
  BELOW outcome plan git ci model util
  USES ZLIB NLOHMANN
  SOURCES console.cc github_annotations.cc github_outputs.cc gitlab_reports.cc kept_outputs.cc
           plan_report.cc report_writer.cc sarif_writer.cc shard_file.cc shard_merge.cc
           step_summary.cc
  HEADERS console.h github_annotations.h github_outputs.h gitlab_reports.h kept_outputs.h
           plan_report.h report_writer.h sarif_writer.h shard_file.h shard_merge.h step_summary.h)

lamina_layer(platform
  BELOW outcome config catalog ci model util
  USES HTTPLIB OPENSSL ZLIB NLOHMANN
  SOURCES github_publish.cc gitlab_publish.cc http_client.cc publish.cc publish_file.cc
          publish_text.cc tickets.cc
  HEADERS github_publish.h gitlab_publish.h http_client.h publish.h publish_file.h publish_text.h
          tickets.h)

lamina_layer(cli
  BELOW platform report outcome parse exec plan artifact config catalog git ci model util
  USES CLI11 NLOHMANN
  SOURCES action_inputs.cc artifact_binding.cc change_plan.cc commands.cc config_choice.cc
           config_command.cc init_command.cc merge_command.cc options.cc plan_command.cc
           publish_command.cc report_command.cc scan_command.cc scan_output.cc scanner_table.cc
           scanners_command.cc stdout_text.cc target_url.cc workflow_hint.cc
  HEADERS action_inputs.h artifact_binding.h catalog_commands.h change_plan.h commands.h
           config_choice.h options.h scan_output.h scanner_table.h stdout_text.h target_url.h
           workflow_hint.h)
