import FactCheck
import PostgresNIO
