package org.jmach.mig.parse;

import static org.jmach.mig.parse.Defs.routine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jmach.mig.MigException;
import org.jmach.mig.ir.ArgFlag;
import org.jmach.mig.ir.ArgKind;
import org.jmach.mig.ir.Routine;
import org.jmach.mig.ir.SourcePos;
import org.jmach.mig.ir.Subsystem;
import org.junit.jupiter.api.Test;

/** An interface in the style of GNU Mach's and the Hurd's, as the preprocessor hands it over. */
class RealisticDefsTest {

    private static final String TEXT = String.join("\n",
            "# 1 \"fs.defs\"",
            "subsystem fs 20000;",
            "# 1 \"std_types.defs\" 1",
            "type char = MACH_MSG_TYPE_CHAR;",
            "type int = MACH_MSG_TYPE_INTEGER_32;",
            "type boolean_t = MACH_MSG_TYPE_BOOLEAN;",
            "type kern_return_t = int;",
            "type natural_t = int;",
            "type vm_size_t = MACH_MSG_TYPE_INTEGER_64;",
            "type pointer_t = ^array[] of MACH_MSG_TYPE_BYTE ctype: vm_offset_t;",
            "type mach_port_t = MACH_MSG_TYPE_COPY_SEND;",
            "type mach_port_array_t = array[] of mach_port_t;",
            "type mach_port_name_t = MACH_MSG_TYPE_PORT_NAME ctype: mach_port_t;",
            "type mach_port_poly_t = polymorphic ctype: mach_port_t;",
            "type reply_port_t = MACH_MSG_TYPE_MAKE_SEND_ONCE ctype: mach_port_t;",
            "type sreply_port_t = MACH_MSG_TYPE_MOVE_SEND_ONCE ctype: mach_port_t;",
            "type mach_port_seqno_t = MACH_MSG_TYPE_INTEGER_32;",
            "type vm_statistics_data_t = struct[13] of natural_t;",
            "type kernel_version_t = (MACH_MSG_TYPE_STRING, 512*8);",
            "# 4 \"fs.defs\" 2",
            "type string_t = c_string[1024];",
            "type data_t = array[] of char;",
            "type file_t = mach_port_t",
            "  ctype: file_t",
            "  intran: protid_t begin_using_protid_port (file_t)",
            "  destructor: end_using_protid_port (protid_t);",
            "import <hurd/hurd_types.h>;",
            "serverprefix S_;",
            "",
            "routine file_exec (",
            "  exec_file: file_t;",
            "  sreplyport reply: sreply_port_t;",
            "  exec_task: mach_port_t;",
            "  flags: int;",
            "  argv: data_t, servercopy;",
            "  portarray: mach_port_array_t;",
            "  intarray: array[] of int);",
            "",
            "routine file_chown (chown_file: file_t; msgseqno seqno: mach_port_seqno_t;",
            "  new_owner: int; new_group: int);",
            "skip;",
            "simpleroutine file_notice (file: file_t; ureplyport r: reply_port_t; waittime t: natural_t;",
            "  msgoption o: natural_t; out vs: vm_statistics_data_t, dealloc[]);",
            "routine dir_lookup (start_dir: file_t; file_name: string_t; out result: mach_port_poly_t;",
            "  out retry_name: string_t; out data: pointer_t, dealloc);");

    @Test
    void parsesAnInterfaceLikeTheHurds() throws MigException {
        Subsystem s = Parser.parse(TEXT, "fs.defs");
        assertEquals("fs", s.name());
        assertEquals(5, s.idCount());
        Routine exec = routine(s, "file_exec");
        assertEquals(20000, exec.id());
        assertEquals("S_", exec.serverPrefix());
        assertEquals(new SourcePos("fs.defs", 13, 1), exec.pos());
        assertEquals("exec_file", exec.argument(ArgKind.REQUESTPORT).name());
        assertEquals("reply", exec.argument(ArgKind.SREPLYPORT).name());
        assertTrue(exec.arguments().get(4).has(ArgFlag.SERVERCOPY));
        assertEquals(20001, routine(s, "file_chown").id());
        assertEquals("seqno", routine(s, "file_chown").argument(ArgKind.MSGSEQNO).name());
        Routine notice = routine(s, "file_notice");
        assertEquals(20003, notice.id());
        assertTrue(notice.isSimple());
        assertEquals(13, notice.arguments().get(4).type().count());
        assertEquals(20004, routine(s, "dir_lookup").id());
        assertEquals(4096, s.types().get("kernel_version_t").sizeBits());
        assertEquals("begin_using_protid_port", s.types().get("file_t").clauses().inTran().function());
        assertEquals(new SourcePos("std_types.defs", 7, 6), s.types().get("pointer_t").pos());
    }
}
