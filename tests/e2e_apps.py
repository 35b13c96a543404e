"""The fixture apps test_e2e leaves to their own engine tests (test_e2e_apps checks the list)."""

# Apps whose own engine test rewrites them with their folder as the context and verifies that very rewrite (and
# asserts what its smoke run prints): building them here too would build every image twice (test_e2e_apps checks
# that each named test still does so).
VERIFIED_ELSEWHERE: dict[str, str] = {
    "apt-update-later": "test_apt_update_later_e2e",
    "c-compiler-kept-libraries": "test_removed_dev_libraries",
    "c-deleted-sources": "test_setup_left_behind_e2e",
    "c-git-clone-build": "test_git_clone_build_e2e",
    "c-libcurl-certificates": "test_libcurl_certificates_e2e",
    "c-replaced-web-root": "test_replaced_folder_e2e",
    "c-static-library-staged": "test_static_library_staged_e2e",
    "elixir-debian-mix": "test_elixir_e2e",
    "go-cgo-headers": "test_go_cgo_headers_e2e",
    "go-cmd-context-script": "test_cmd_context_script_e2e",
    "go-race": "test_go_race_e2e",
    "go-user-www-data": "test_distroless_users_e2e",
    "go-volume-parent": "test_volume_in_builder_e2e",
    "jdk-gui-library": "test_jdk_gui_e2e",
    "node-cd-base-folder": "test_cd_base_folder_e2e",
    "node-copy-into-made-folder": "test_copy_into_made_folder_e2e",
    "node-global-tracked-opt": "test_tracked_install_beside_opt_e2e",
    "node-moved-dependencies": "test_moved_dependencies_e2e",
    "node-parent-mkdir": "test_setup_parent_folder_e2e",
    "node-rebuilt-modules": "test_node_rebuilt_modules_e2e",
    "py-copied-out-of-deleted": "test_copy_out_of_deleted_e2e",
    "py-later-purge": "test_later_removals_e2e",
    "py-opt-tool-path": "test_opt_path_not_venv_e2e",
    "py-psycopg2-unknown-release": "test_ldd_e2e",
    "py-rm-before-rebuild": "test_removal_before_rebuild_e2e",
    "py-rm-in-etc-workdir": "test_remove_in_config_workdir_e2e",
    "py-root-archive": "test_root_build_e2e",
    "py-user-base-jdk-path": "test_python_user_base_jdk_path_e2e",
    "py-variable-packages": "test_variable_packages_e2e",
    "rust-cargo-install-path": "test_rust_cargo_install_e2e",
    "setup-tool-unknown-image": "test_setup_tool_removed_later_e2e",
    "temp-folder-run-time": "test_temp_folder_run_time_e2e",
}
