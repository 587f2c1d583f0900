package io.qingstor.installer.core.engine;

import io.qingstor.installer.core.exec.Shell;

/**
 * The shell script that finds and stops what a crashed job left running on a node. Every command
 * a step runs inherits the step script's exported {@code QS_JOB_ID} (see {@link NodeVariables}):
 * with the node's {@code QS_NODE_ID}: that is the mark looked for in {@code /proc/<pid>/environ}. A marked process's group is the
 * step's whole process group when its leader is the {@code /bin/sh -s} the executor launched (the
 * shell that would run the script's next command): that group gets TERM, then KILL after five
 * seconds. Otherwise only the marked processes themselves are stopped, never a group that is not
 * the launcher's. It prints one line per group or process it stops, then a summary.
 */
final class OrphanScript {
  private OrphanScript() {}

  /**
   * The script for {@code jobId}'s commands on node {@code nodeId} (its {@code QS_NODE_ID}; null
   * for the firstbox, whose scripts have none): nodes sharing one machine each stop only their own.
   */
  static String forJob(String jobId, String nodeId) {
    if (!jobId.matches("j-[A-Za-z0-9]{8}")) {
      throw new IllegalArgumentException("not a job id: " + jobId);
    }
    String nodeMatch = nodeId == null ? ""
        : " && tr '\\000' '\\n' 2>/dev/null < \"$d/environ\" | grep -qxF \"QS_NODE_ID=$node\"";
    return String.join("\n",
        "job=" + Shell.quote(jobId),
        "node=" + Shell.quote(nodeId == null ? "" : nodeId),
        "me=$(sed 's/.*) //' /proc/$$/stat | cut -d' ' -f3)",
        "groups='' singles=''",
        "for d in /proc/[0-9]*; do",
        "  p=${d#/proc/}",
        "  { tr '\\000' '\\n' 2>/dev/null < \"$d/environ\" | grep -qx \"QS_JOB_ID=$job\"" + nodeMatch
            + "; } || continue",
        "  g=$(sed 's/.*) //' \"$d/stat\" 2>/dev/null | cut -d' ' -f3)",
        "  [ -n \"$g\" ] && [ \"$g\" != \"$me\" ] || continue",
        "  leader=$(tr '\\000' ' ' 2>/dev/null < \"/proc/$g/cmdline\")",
        "  if [ \"$leader\" = '/bin/sh -s ' ]; then",
        "    case \" $groups \" in *\" $g \"*) ;; *) groups=\"$groups $g\" ;; esac",
        "  else",
        "    singles=\"$singles $p\"",
        "  fi",
        "done",
        "n=0",
        "for g in $groups; do",
        "  what=$(ps -o pid=,args= -g \"$g\" 2>/dev/null | sed 's/^ *//' | paste -sd ';' - | sed 's/;/; /g')",
        "  kill -s TERM -- -\"$g\" 2>/dev/null && n=$((n + 1))",
        "  echo \"stopping process group $g of job $job: $what\"",
        "done",
        "for p in $singles; do",
        "  what=$(tr '\\000' ' ' 2>/dev/null < \"/proc/$p/cmdline\")",
        "  kill -s TERM \"$p\" 2>/dev/null && n=$((n + 1))",
        "  echo \"stopping process $p of job $job: $what\"",
        "done",
        "i=0",
        "while [ $i -lt 50 ]; do",
        "  left=''",
        "  for g in $groups; do kill -s 0 -- -\"$g\" 2>/dev/null && left=\"$left $g\"; done",
        "  for p in $singles; do kill -s 0 \"$p\" 2>/dev/null && left=\"$left $p\"; done",
        "  [ -z \"$left\" ] && break",
        "  sleep 0.1; i=$((i + 1))",
        "done",
        "for g in $groups; do kill -s KILL -- -\"$g\" 2>/dev/null && echo \"killed process group $g\"; done",
        "for p in $singles; do kill -s KILL \"$p\" 2>/dev/null && echo \"killed process $p\"; done",
        "if [ $n -eq 0 ]; then echo \"no command of job $job was left running\";"
            + " else echo \"stopped $n command group(s) of job $job\"; fi",
        "");
  }
}
