package dev.switchboard.invocation.mcp;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A real HTTP server on loopback and a free port, answering as the test scripts it. */
final class LoopbackHttpServer {

    private LoopbackHttpServer() {
    }

    static HttpServer serve(String path, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(path, handler);
        server.start();
        return server;
    }
}
