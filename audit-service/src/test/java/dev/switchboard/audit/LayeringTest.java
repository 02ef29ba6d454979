package dev.switchboard.audit;

import dev.switchboard.testsupport.LayeringContract;

class LayeringTest extends LayeringContract {

    @Override
    protected String basePackage() {
        return "dev.switchboard.audit";
    }
}
