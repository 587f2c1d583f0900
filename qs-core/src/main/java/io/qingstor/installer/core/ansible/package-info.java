/**
 * The Ansible executor: runs the distribution's {@code ansible-playbook} over the inventory the
 * installer rendered, with credentials in a private per-run directory, and turns the events of
 * its JSON-lines callback plugin into per-host log lines, progress and outcomes.
 */
package io.qingstor.installer.core.ansible;
