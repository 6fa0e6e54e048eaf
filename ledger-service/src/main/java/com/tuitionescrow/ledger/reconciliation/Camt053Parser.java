package com.tuitionescrow.ledger.reconciliation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * ISO 20022 camt.053 read with a hardened, streaming parser. A statement comes from outside, so the
 * XML is treated as hostile: a DOCTYPE is refused outright (which rules out external entities, XXE,
 * and entity expansion bombs such as billion laughs), nothing outside the file is ever fetched (no
 * external DTD, schema or XInclude), and the JDK's secure-processing limits apply on top. The parser
 * streams (SAX), so memory stays proportional to the entries kept, not to the document tree.
 */
final class Camt053Parser {

    /** No entity can be declared without a DOCTYPE; should that ever change, expansion stops almost at once. */
    private static final String ENTITY_EXPANSION_LIMIT =
            "http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit";

    private static final String MAX_ELEMENT_DEPTH = "http://www.oracle.com/xml/jaxp/properties/maxElementDepth";

    private final int maxEntries;

    Camt053Parser(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** The file's statements, in its order; a file holds one or more. */
    List<BankStatement> parse(byte[] file) {
        Camt053Handler statements = new Camt053Handler(maxEntries);
        try {
            parser().parse(new ByteArrayInputStream(file), statements);
        } catch (SAXParseException e) {
            throw new MalformedStatement("line " + e.getLineNumber() + ", column " + e.getColumnNumber(), describe(e));
        } catch (SAXException | IOException e) {
            throw new MalformedStatement("statement", "the statement cannot be read as XML");
        }
        return statements.statements();
    }

    /** The parser's reason, or ours where the parser's would not tell a bank what to change. */
    private static String describe(SAXParseException e) {
        String reason = e.getMessage() == null ? "" : e.getMessage();
        if (reason.contains("DOCTYPE")) {
            return "a statement may not contain a DOCTYPE: DTDs, entity declarations and external references "
                    + "are refused";
        }
        return "the statement cannot be read as XML: " + reason;
    }

    private static SAXParser parser() {
        try {
            SAXParser parser = hardenedFactory().newSAXParser();
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            parser.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            parser.setProperty(ENTITY_EXPANSION_LIMIT, "16");
            parser.setProperty(MAX_ELEMENT_DEPTH, String.valueOf(Camt053Handler.MAX_DEPTH));
            return parser;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser supports every hardening setting used here", e);
        }
    }

    /**
     * A factory per parse (factories are not thread-safe), and always the JDK's own, whatever else is
     * on the classpath: the properties set on its parsers are its names.
     */
    private static SAXParserFactory hardenedFactory() throws ParserConfigurationException, SAXException {
        SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory;
    }
}
