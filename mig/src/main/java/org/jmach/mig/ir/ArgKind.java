package org.jmach.mig.ir;

/** How an argument travels (MIG's argument kinds). */
public enum ArgKind {
    /** In the request. */
    IN,
    /** In the reply. */
    OUT,
    /** In the request and again in the reply. */
    INOUT,
    /** The request's destination port (msgh_remote_port); the first argument by default. */
    REQUESTPORT,
    /** The reply port, from the server's point of view (msgh_local_port of the request). */
    REPLYPORT,
    /** A reply port the server sees; the user stub supplies its own. */
    SREPLYPORT,
    /** A reply port the user supplies; the server does not see it. */
    UREPLYPORT,
    /** The send and receive timeout of this call (user side). */
    WAITTIME,
    /** The request's msgh_seqno (server side). */
    MSGSEQNO,
    /** Extra mach_msg options of this call (user side). */
    MSGOPTION;

    /** Whether the argument's value is carried in the request body. */
    public boolean inRequestBody() {
        return this == IN || this == INOUT;
    }

    /** Whether the argument's value is carried in the reply body. */
    public boolean inReplyBody() {
        return this == OUT || this == INOUT;
    }
}
